# The trust's links to HSCN and its data centre: dependencies to record and plan out.

resource "aws_customer_gateway" "hscn" {
  bgp_asn    = 65010
  ip_address = "198.51.100.1"
  type       = "ipsec.1"
  tags       = merge(local.tags, { Name = "hscn-edge" })
}

resource "aws_vpn_connection" "hscn" {
  customer_gateway_id = aws_customer_gateway.hscn.id
  transit_gateway_id  = "tgw-0a1b2c3d4e5f"
  type                = "ipsec.1"
}

resource "aws_dx_connection" "data_centre" {
  name      = "trust-data-centre"
  bandwidth = "1Gbps"
  location  = "EqLD5"
}
