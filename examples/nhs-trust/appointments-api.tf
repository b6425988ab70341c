# The appointments API, called by GP practice systems. Its custom domain still allows TLS 1.0, and
# the referrals API is a PRIVATE endpoint reached over the HSCN VPN.

resource "aws_api_gateway_rest_api" "appointments" {
  name = "appointments"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  tags = merge(local.tags, { Service = "Appointments API" })
}

resource "aws_api_gateway_stage" "appointments_live" {
  rest_api_id   = aws_api_gateway_rest_api.appointments.id
  deployment_id = "d1a2b3"
  stage_name    = var.environment
}

resource "aws_wafv2_web_acl_association" "appointments" {
  resource_arn = aws_api_gateway_stage.appointments_live.arn
  web_acl_arn  = aws_wafv2_web_acl.main.arn
}

resource "aws_api_gateway_domain_name" "appointments" {
  domain_name              = "appointments-api.${var.trust_domain}"
  regional_certificate_arn = "arn:aws:acm:eu-west-2:123456789012:certificate/api"
  security_policy          = "TLS_1_0"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api" "referrals" {
  name = "gp-referrals"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  tags = merge(local.tags, { Service = "GP referrals API" })
}
