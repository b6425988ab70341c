resource "aws_route53_zone" "public" {
  name = var.trust_domain
}

resource "aws_route53_record" "portal" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "portal.${var.trust_domain}"
  type    = "A"
  alias {
    name                   = aws_lb.portal.dns_name
    zone_id                = aws_lb.portal.zone_id
    evaluate_target_health = true
  }
}

# The rostering service's public name still resolves to its HSCN address.
resource "aws_route53_record" "rota" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "rota.${var.trust_domain}"
  type    = "A"
  ttl     = 300
  records = ["10.84.12.20"]
}

# Private names in a private zone are fine.
resource "aws_route53_zone" "internal" {
  name = "internal.${var.trust_domain}"
  vpc {
    vpc_id = aws_vpc.main.id
  }
}

resource "aws_route53_record" "database" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "db.internal.${var.trust_domain}"
  type    = "A"
  ttl     = 300
  records = ["10.0.10.25"]
}
