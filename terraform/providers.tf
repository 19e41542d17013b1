provider "aws" {
  region = var.aws_region

  # Every resource that takes tags gets these; var.tags adds or overrides.
  default_tags {
    tags = merge(
      {
        Project   = "alex-workbench"
        Stack     = var.project
        ManagedBy = "terraform"
      },
      var.tags,
    )
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}
