# Embeddings in the cloud: all-MiniLM-L6-v2 on a SageMaker serverless endpoint with the
# Hugging Face inference container. Serverless means no instance runs (or costs) at rest;
# the first call after idle pays a cold start of several seconds.

locals {
  sagemaker_image_uri = coalesce(
    var.sagemaker_image_uri,
    "763104351884.dkr.ecr.${var.aws_region}.amazonaws.com/huggingface-pytorch-inference:${var.sagemaker_image_tag}",
  )
  embeddings_endpoint_name = "${var.project}-minilm"
}

resource "aws_sagemaker_model" "minilm" {
  # No name: Terraform picks a unique one, so a changed model is created before the old one goes.
  execution_role_arn = aws_iam_role.sagemaker.arn

  primary_container {
    image = local.sagemaker_image_uri
    mode  = "SingleModel"
    environment = {
      # The container fetches the model from the Hugging Face Hub when a worker starts.
      HF_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
      # Returns token vectors; the SageMakerEmbedder mean-pools and normalises them.
      HF_TASK = "feature-extraction"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_sagemaker_endpoint_configuration" "minilm" {
  name_prefix = "${var.project}-minilm-"

  production_variants {
    variant_name = "AllTraffic"
    model_name   = aws_sagemaker_model.minilm.name

    serverless_config {
      memory_size_in_mb = var.sagemaker_memory_mb
      max_concurrency   = var.sagemaker_max_concurrency
      # Warm capacity that never scales to zero: no cold starts, billed by the hour (0 = off).
      provisioned_concurrency = var.sagemaker_provisioned_concurrency > 0 ? var.sagemaker_provisioned_concurrency : null
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_sagemaker_endpoint" "minilm" {
  name                 = local.embeddings_endpoint_name
  endpoint_config_name = aws_sagemaker_endpoint_configuration.minilm.name

  # Creating the endpoint pulls the image and writes logs with the model's role: its policy
  # must exist first, or the first apply fails with an access error after minutes of waiting.
  depends_on = [aws_iam_role_policy.sagemaker]
}

# SageMaker writes endpoint logs here; created up front so they expire.
resource "aws_cloudwatch_log_group" "sagemaker" {
  name              = "/aws/sagemaker/Endpoints/${local.embeddings_endpoint_name}"
  retention_in_days = var.log_retention_days
}
