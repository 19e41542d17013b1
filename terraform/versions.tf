# Pinned tool and provider versions.
#
# hashicorp/aws 6.24.0 added the native S3 Vectors resources (aws_s3vectors_vector_bucket,
# aws_s3vectors_index), but metadata_configuration on aws_s3vectors_index (the non-filterable
# chunk-text key, without which PutVectors fails) arrived in 6.26: an init that picked 6.24 or
# 6.25 would reject the stack. java25 as a Lambda runtime works since 6.20.
# ">= 6.26, < 7.0" takes 6.x bug fixes and features from 6.26 on, never 7.0.
# Terraform 1.9 or newer: variable validations below refer to other variables.
terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.26, < 7.0"
    }
  }
}
