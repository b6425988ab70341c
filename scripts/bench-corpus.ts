/**
 * Generates the benchmark's synthetic Terraform corpus: deterministic (seeded), realistic in its
 * mix of resources, nested and dynamic blocks, heredocs, templates, for expressions and comments.
 * Written to .bench/ and never committed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const GENERATOR_VERSION = 3;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

const PIECES: ((n: number, pick: <T>(items: T[]) => T) => string)[] = [
  (n, pick) => `# Load balancer for service ${n}
resource "aws_lb" "svc_${n}" {
  name               = "\${var.environment}-svc-${n}"
  internal           = ${pick(["false", "true", "var.internal"])}
  load_balancer_type = "application"
  security_groups    = [aws_security_group.svc_${n}.id]
  subnets            = aws_subnet.public[*].id
  tags               = merge(local.tags, { Name = "svc-${n}", Service = "service-${n}" })
}

resource "aws_lb_listener" "svc_${n}_https" {
  load_balancer_arn = aws_lb.svc_${n}.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "${pick(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-FS-1-2-Res-2020-10"])}"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc_${n}.arn
  }
}

resource "aws_lb_listener" "svc_${n}_http" {
  load_balancer_arn = aws_lb.svc_${n}.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
`,
  (n) => `resource "aws_security_group" "svc_${n}" {
  name        = "svc-${n}"
  description = "Service ${n} load balancer"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.ingress_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [for cidr in var.allowed_cidrs : cidr if cidr != ""]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  lifecycle {
    create_before_destroy = true
  }
}
`,
  (n, pick) => `resource "aws_route53_record" "svc_${n}" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "svc-${n}.\${var.domain}"
  type    = "A"
  ttl     = 300
  records = ["${pick(["10.20.", "198.51.100.", "172.16.", "203.0.113."])}${n % 250}"]
}
`,
  (n, pick) => `resource "aws_cloudfront_distribution" "site_${n}" {
  enabled    = true
  web_acl_id = ${pick(["aws_wafv2_web_acl.edge.arn", "null"])}
  aliases    = ["site-${n}.\${var.domain}"]

  origin {
    domain_name = aws_lb.svc_${n}.dns_name
    origin_id   = "lb-${n}"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "lb-${n}"
    viewer_protocol_policy = "${pick(["redirect-to-https", "allow-all", "https-only"])}"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD"]
    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = ["GB"]
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.edge_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
`,
  (n) => `data "aws_iam_policy_document" "svc_${n}" {
  statement {
    sid       = "ReadConfig${n}"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = ["arn:aws:ssm:\${var.region}:\${var.account_id}:parameter/svc-${n}/*"]
  }
}

resource "aws_iam_policy" "svc_${n}_legacy" {
  name   = "svc-${n}-legacy"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["s3:GetObject"],
          "Resource": "arn:aws:s3:::\${var.bucket}/svc-${n}/*"
        }
      ]
    }
  EOT
}

resource "aws_iam_role_policy" "svc_${n}" {
  name = "svc-${n}"
  role = aws_iam_role.svc.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "*"
    }]
  })
}
`,
  (n) => `locals {
  svc_${n}_subnets = { for index, cidr in var.private_cidrs : "svc-${n}-\${index}" => cidrsubnet(cidr, 4, index % 16) }
  svc_${n}_names   = [for name, cidr in local.svc_${n}_subnets : upper(name) if length(cidr) > 0]
  svc_${n}_banner  = "%{ if var.environment == "live" }Live service ${n}%{ else }Test service ${n}%{ endif }"
  /* grouped by zone */
  svc_${n}_by_zone = { for s in var.subnets : s.zone => s.id... }
}

resource "aws_subnet" "svc_${n}" {
  count             = 3
  vpc_id            = var.vpc_id
  cidr_block        = cidrsubnet("10.${n % 250}.0.0/16", 8, count.index)
  availability_zone = element(var.zones, count.index)
  tags              = { Name = "svc-${n}-\${count.index}" } // trailing comment
}
`,
  (n) => `variable "svc_${n}_settings" {
  description = "Settings for service ${n}"
  type = object({
    name     = string
    port     = optional(number, 443)
    cidrs    = optional(list(string), [])
    internal = optional(bool, false)
  })
  default = {
    name = "svc-${n}"
  }
}

output "svc_${n}_endpoint" {
  value       = aws_lb.svc_${n}.dns_name
  description = "Public endpoint of service ${n}"
}

module "svc_${n}_alarms" {
  source    = "../shared-alarms"
  name      = "svc-${n}"
  threshold = ${(n % 7) + 1} * 100
  enabled   = var.environment == "live" ? true : false
}
`,
];

export interface Corpus {
  directory: string;
  files: number;
  bytes: number;
}

/** Generates (or reuses) a corpus of about `megabytes` MB in `.bench/corpus-<MB>`. */
export function generateCorpus(root: string, megabytes: number): Corpus {
  const directory = join(root, ".bench", `corpus-${megabytes}`);
  const stamp = join(directory, "corpus.json");
  if (existsSync(stamp)) {
    const meta = JSON.parse(readFileSync(stamp, "utf8")) as Corpus & { version: number };
    if (meta.version === GENERATOR_VERSION) return { directory, files: meta.files, bytes: meta.bytes };
  }
  rmSync(directory, { recursive: true, force: true });
  const next = random(20261124);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const target = megabytes * 1024 * 1024;
  let bytes = 0;
  let files = 0;
  let n = 0;
  while (bytes < target || files < 5_000) {
    const module = files % 250;
    const folder = join(directory, `stack-${String(module).padStart(3, "0")}`);
    if (files < 250) mkdirSync(folder, { recursive: true });
    let text = `# Generated benchmark file ${files}\n`;
    const pieces = 2 + Math.floor(next() * 3);
    for (let i = 0; i < pieces; i++) text += `\n${pick(PIECES)(n++, pick)}`;
    writeFileSync(join(folder, `file-${files}.tf`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const shared = join(directory, "shared-alarms");
  mkdirSync(shared, { recursive: true });
  writeFileSync(join(shared, "main.tf"), 'variable "name" {}\nvariable "threshold" {}\nvariable "enabled" {}\n');
  // A stack that associates a web ACL with a load balancer it does not declare: scanned with the
  // others, it must not change their findings (npm run bench compares together and apart).
  const edge = join(directory, "shared-waf");
  mkdirSync(edge, { recursive: true });
  writeFileSync(
    join(edge, "main.tf"),
    'variable "load_balancer_arn" {}\n\nresource "aws_wafv2_web_acl_association" "shared" {\n  resource_arn = var.load_balancer_arn\n  web_acl_arn  = "arn:aws:wafv2:eu-west-2:111122223333:regional/webacl/shared/1"\n}\n',
  );
  writeFileSync(stamp, JSON.stringify({ version: GENERATOR_VERSION, files, bytes }));
  return { directory, files, bytes };
}
