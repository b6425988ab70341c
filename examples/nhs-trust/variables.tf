# Example NHS trust estate: a patient portal moved to the internet the right way, and services that
# still depend on HSCN. `iflint scan examples/nhs-trust` reports what stands between them and
# Internet First.

variable "environment" {
  type    = string
  default = "live"
}

variable "trust_domain" {
  type    = string
  default = "example-trust.nhs.uk"
}

# Ranges of the trust's HSCN-connected sites.
variable "hscn_site_ranges" {
  type    = list(string)
  default = ["10.84.0.0/16", "172.20.0.0/14"]
}

locals {
  tags = {
    Organisation = "Example NHS Trust"
    Environment  = var.environment
  }
}
