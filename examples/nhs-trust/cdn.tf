# Patient leaflets on CloudFront: one path still served over plain HTTP, an old TLS policy, no WAF.

resource "aws_cloudfront_distribution" "leaflets" {
  enabled = true
  aliases = ["leaflets.${var.trust_domain}"]

  origin {
    domain_name = "leaflets-origin.${var.trust_domain}"
    origin_id   = "leaflets"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "leaflets"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  ordered_cache_behavior {
    path_pattern           = "/print/*"
    target_origin_id       = "leaflets"
    viewer_protocol_policy = "allow-all"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/leaflets"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1_2016"
  }

  tags = merge(local.tags, { Service = "Patient leaflets" })
}
