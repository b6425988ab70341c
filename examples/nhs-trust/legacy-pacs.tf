# The PACS image viewer was moved from the data centre to AWS but is still reached the old way:
# only HSCN-connected sites are admitted, it serves plain HTTP, and no WAF sits in front of it.

resource "aws_security_group" "pacs_lb" {
  name   = "pacs-viewer-lb"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Viewer from HSCN sites"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = var.hscn_site_ranges
  }
}

resource "aws_lb" "pacs" {
  name            = "pacs-viewer"
  security_groups = [aws_security_group.pacs_lb.id]
  subnets         = aws_subnet.public[*].id
  tags            = merge(local.tags, { Service = "PACS viewer" })
}

resource "aws_lb_listener" "pacs_http" {
  load_balancer_arn = aws_lb.pacs.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/pacs/abc"
  }
}
