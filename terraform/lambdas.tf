# The API Lambdas (ingest, search, documents) and the scheduler Lambda: one shaded jar,
# one function per handler, java25, SnapStart on published versions behind a "live" alias.
# API Gateway and EventBridge Scheduler call the alias, so they always hit a snapshotted version.

locals {
  java_runtime = "java25"
  lambda_alias = "live"

  # Handler classes in the lambdas jar (checked against the built jar by the offline tests).
  api_functions = {
    ingest = {
      handler     = "app.alex.lambdas.IngestHandler"
      description = "Alex API: POST /ingest (chunk, embed with SageMaker, store in S3 Vectors)"
    }
    search = {
      handler     = "app.alex.lambdas.SearchHandler"
      description = "Alex API: POST /search (embed the query, query S3 Vectors)"
    }
    documents = {
      handler     = "app.alex.lambdas.DocumentsHandler"
      description = "Alex API: GET /documents, GET and DELETE /documents/{id}"
    }
  }

  scheduler_function = {
    handler     = "app.alex.lambdas.scheduler.SchedulerHandler"
    description = "Alex scheduler: called by EventBridge Scheduler, calls the researcher's POST /research/auto"
  }

  # What the API handlers read from their environment.
  api_environment = {
    ALEX_VECTOR_BUCKET       = aws_s3vectors_vector_bucket.kb.vector_bucket_name
    ALEX_VECTOR_INDEX        = aws_s3vectors_index.chunks.index_name
    ALEX_EMBEDDINGS_ENDPOINT = aws_sagemaker_endpoint.minilm.name
  }

  # The scheduler waits for the research run, so it must outlive the researcher's timeout.
  scheduler_timeout_seconds = min(900, var.researcher_timeout_seconds + 30)

  scheduler_environment = {
    ALEX_RESEARCHER_URL           = local.researcher_url
    ALEX_RESEARCHER_AUTH          = local.researcher_on_lambda ? "aws_iam" : "api_key"
    ALEX_RESEARCH_TIMEOUT_SECONDS = tostring(var.researcher_timeout_seconds)
    # App Runner has no IAM in front of the researcher: the scheduler sends the API's key.
    ALEX_RESEARCHER_API_KEY = local.researcher_on_apprunner ? aws_api_gateway_api_key.desktop.value : ""
  }
}

# --- logs (created first so the functions never create never-expiring groups) ----------

resource "aws_cloudwatch_log_group" "api" {
  for_each          = local.api_functions
  name              = "/aws/lambda/${var.project}-${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "scheduler" {
  name              = "/aws/lambda/${var.project}-scheduler"
  retention_in_days = var.log_retention_days
}

# --- API functions -------------------------------------------------------------------

resource "aws_lambda_function" "api" {
  for_each = local.api_functions

  function_name    = "${var.project}-${each.key}"
  description      = each.value.description
  role             = aws_iam_role.api.arn
  runtime          = local.java_runtime
  handler          = each.value.handler
  filename         = local.lambdas_jar
  source_code_hash = filebase64sha256(local.lambdas_jar)
  memory_size      = var.lambda_memory_mb
  timeout          = var.lambda_timeout_seconds
  publish          = true

  snap_start {
    apply_on = var.snapstart_enabled ? "PublishedVersions" : "None"
  }

  environment {
    variables = local.api_environment
  }

  logging_config {
    log_format = "Text" # the handlers already write one JSON object per line
    log_group  = aws_cloudwatch_log_group.api[each.key].name
  }

  depends_on = [aws_iam_role_policy.api_logs]
}

resource "aws_lambda_alias" "api" {
  for_each = local.api_functions

  name             = local.lambda_alias
  function_name    = aws_lambda_function.api[each.key].function_name
  function_version = aws_lambda_function.api[each.key].version
}

# --- scheduler function ----------------------------------------------------------------

resource "aws_lambda_function" "scheduler" {
  function_name    = "${var.project}-scheduler"
  description      = local.scheduler_function.description
  role             = aws_iam_role.scheduler_lambda.arn
  runtime          = local.java_runtime
  handler          = local.scheduler_function.handler
  filename         = local.lambdas_jar
  source_code_hash = filebase64sha256(local.lambdas_jar)
  memory_size      = 512
  timeout          = local.scheduler_timeout_seconds
  publish          = true

  snap_start {
    apply_on = var.snapstart_enabled ? "PublishedVersions" : "None"
  }

  environment {
    variables = local.scheduler_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.scheduler.name
  }

  depends_on = [aws_iam_role_policy.scheduler_lambda]
}

resource "aws_lambda_alias" "scheduler" {
  name             = local.lambda_alias
  function_name    = aws_lambda_function.scheduler.function_name
  function_version = aws_lambda_function.scheduler.version
}
