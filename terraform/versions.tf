# Pinned tool and provider versions.
#
# hashicorp/aws 6.24.0 (2025-12-02) added the native S3 Vectors resources
# (aws_s3vectors_vector_bucket, aws_s3vectors_index); java25 as a Lambda runtime
# works since 6.20. "~> 6.24" takes 6.x bug fixes and features from 6.24 on, never 7.0.
# Terraform 1.9 or newer: variable validations below refer to other variables.
terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.24"
    }
  }
}
