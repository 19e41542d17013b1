# The researcher service: one codebase, two transports. var.researcher_runtime picks
#   "lambda"    (default): the researcher's Lambda handler behind a function URL that
#                only IAM-signed requests may call (no 29 s API Gateway limit);
#   "apprunner": the same code as a container (backend-lambdas/researcher/Dockerfile) in
#                an ECR repository, served by App Runner with 1 vCPU and 2 GB.
# AWS App Runner no longer takes new customers, so "apprunner" is only for accounts that
# already use it.

locals {
  researcher_function = {
    handler     = "app.alex.researcher.ResearcherHandler"
    description = "Alex researcher: /health, /research, /research/auto, research feed"
  }

  # What the researcher reads from its environment, whichever runtime hosts it.
  researcher_environment = {
    # The knowledge base, reached through the same adapters as the API functions (no API key needed).
    ALEX_VECTOR_BUCKET       = aws_s3vectors_vector_bucket.kb.vector_bucket_name
    ALEX_VECTOR_INDEX        = aws_s3vectors_index.chunks.index_name
    ALEX_EMBEDDINGS_ENDPOINT = aws_sagemaker_endpoint.minilm.name
    ALEX_LLM                 = "bedrock"
    ALEX_BEDROCK_MODEL_ID    = var.bedrock_model_id
    ALEX_BEDROCK_REGION      = local.bedrock_region
    ALEX_WATCHLIST           = join(",", var.watchlist)
    # The researcher stops itself a little before the platform would, so it answers with a clear error.
    ALEX_RESEARCH_TIMEOUT_SECONDS = tostring(var.researcher_timeout_seconds - 15)
    # App Runner has no IAM in front of the service: it takes the same key as the API. (The
    # Lambda runtime sits behind an IAM function URL and ignores it.)
    ALEX_API_KEYS = local.researcher_on_apprunner ? aws_api_gateway_api_key.desktop.value : ""
  }

  # App Runner size (fixed by the product: 1 vCPU, 2 GB) and the port the server listens on.
  apprunner_cpu    = "1024"
  apprunner_memory = "2048"
  apprunner_port   = "8080"
}

# --- runtime "lambda" ----------------------------------------------------------------------

# The researcher jar (about 46 MB: the knowledge base's extractors, the AWS SDK, the tokenizer)
# is near Lambda's 50 MB cap on a direct upload, so it goes up through S3, whose limit for a
# function package is 250 MB unzipped. Keyed by its hash: a new build is a new object.
resource "aws_s3_bucket" "artifacts" {
  count = local.researcher_on_lambda ? 1 : 0

  bucket_prefix = "${var.project}-artifacts-"
  force_destroy = true # only build outputs live here; destroy must not stall on them
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  count  = local.researcher_on_lambda ? 1 : 0
  bucket = aws_s3_bucket.artifacts[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_object" "researcher_jar" {
  count = local.researcher_on_lambda ? 1 : 0

  bucket      = aws_s3_bucket.artifacts[0].id
  key         = "researcher/alex-researcher-${filesha256(local.researcher_jar)}.jar"
  source      = local.researcher_jar
  source_hash = filemd5(local.researcher_jar)
}

resource "aws_cloudwatch_log_group" "researcher" {
  count             = local.researcher_on_lambda ? 1 : 0
  name              = "/aws/lambda/${var.project}-researcher"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "researcher" {
  count = local.researcher_on_lambda ? 1 : 0

  function_name    = "${var.project}-researcher"
  description      = local.researcher_function.description
  role             = aws_iam_role.researcher_lambda[0].arn
  runtime          = local.java_runtime
  handler          = local.researcher_function.handler
  s3_bucket        = aws_s3_object.researcher_jar[0].bucket
  s3_key           = aws_s3_object.researcher_jar[0].key
  source_code_hash = filebase64sha256(local.researcher_jar)
  memory_size      = var.researcher_memory_mb
  timeout          = var.researcher_timeout_seconds
  publish          = true

  snap_start {
    apply_on = var.snapstart_enabled ? "PublishedVersions" : "None"
  }

  environment {
    variables = local.researcher_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.researcher[0].name
  }

  depends_on = [aws_iam_role_policy.researcher_lambda_logs]
}

resource "aws_lambda_alias" "researcher" {
  count = local.researcher_on_lambda ? 1 : 0

  name             = local.lambda_alias
  function_name    = aws_lambda_function.researcher[0].function_name
  function_version = aws_lambda_function.researcher[0].version
}

# Callers sign requests with SigV4 (service "lambda"); their IAM policy must allow
# lambda:InvokeFunctionUrl and lambda:InvokeFunction on this function.
resource "aws_lambda_function_url" "researcher" {
  count = local.researcher_on_lambda ? 1 : 0

  function_name      = aws_lambda_function.researcher[0].function_name
  qualifier          = aws_lambda_alias.researcher[0].name
  authorization_type = "AWS_IAM"
  invoke_mode        = "BUFFERED"
}

# --- runtime "apprunner" ---------------------------------------------------------------------

resource "aws_ecr_repository" "researcher" {
  count = local.researcher_on_apprunner ? 1 : 0

  name                 = "${var.project}-researcher"
  image_tag_mutability = "MUTABLE"
  force_delete         = true # images are rebuilt from source; destroy must not stall on them

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "researcher" {
  count      = local.researcher_on_apprunner ? 1 : 0
  repository = aws_ecr_repository.researcher[0].name

  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the 10 newest images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 10 }
      action       = { type = "expire" }
    }]
  })
}

resource "aws_apprunner_service" "researcher" {
  count = local.researcher_on_apprunner ? 1 : 0

  service_name = "${var.project}-researcher"

  source_configuration {
    auto_deployments_enabled = false

    authentication_configuration {
      access_role_arn = aws_iam_role.apprunner_ecr_access[0].arn
    }

    image_repository {
      image_identifier      = "${aws_ecr_repository.researcher[0].repository_url}:${var.researcher_image_tag}"
      image_repository_type = "ECR"

      image_configuration {
        port                          = local.apprunner_port
        runtime_environment_variables = local.researcher_environment
      }
    }
  }

  instance_configuration {
    cpu               = local.apprunner_cpu
    memory            = local.apprunner_memory
    instance_role_arn = aws_iam_role.researcher_apprunner[0].arn
  }

  health_check_configuration {
    protocol            = "HTTP"
    path                = "/health"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 1
    unhealthy_threshold = 5
  }

  depends_on = [aws_iam_role_policy.apprunner_ecr_access]
}
