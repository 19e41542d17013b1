# Least-privilege IAM: one role per kind of workload, each allowed only the calls its code
# makes, on the one resource it makes them on. The offline checks hold the application
# actions (s3vectors, sagemaker, bedrock) to the SDK calls in backend-lambdas/aws.

locals {
  vector_index_arn = aws_s3vectors_index.chunks.index_arn

  # s3vectors actions the AWS adapters need (S3VectorsIndex): write, query, read, delete and
  # list vectors. GetVectors is also what QueryVectors needs to apply filters and return metadata.
  s3vectors_actions = [
    "s3vectors:PutVectors",
    "s3vectors:QueryVectors",
    "s3vectors:GetVectors",
    "s3vectors:DeleteVectors",
    "s3vectors:ListVectors",
  ]

  # Bedrock: a foundation model id, or a cross-Region inference profile id (prefix us., eu.,
  # apac., global., ...) which needs the profile and the model it routes to in any Region.
  bedrock_is_profile = can(regex("^(us|eu|apac|jp|au|ca|us-gov|global)\\.", var.bedrock_model_id))
  bedrock_base_model = local.bedrock_is_profile ? replace(var.bedrock_model_id, "/^[a-z-]+\\./", "") : var.bedrock_model_id
  bedrock_resource_arns = local.bedrock_is_profile ? [
    "arn:${local.partition}:bedrock:${local.bedrock_region}:${local.account_id}:inference-profile/${var.bedrock_model_id}",
    "arn:${local.partition}:bedrock:*::foundation-model/${local.bedrock_base_model}",
    ] : [
    "arn:${local.partition}:bedrock:${local.bedrock_region}::foundation-model/${var.bedrock_model_id}",
  ]
  bedrock_actions = ["bedrock:InvokeModel"]
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# --- API Lambdas: ingest, search, documents ---------------------------------------------------

resource "aws_iam_role" "api" {
  name               = "${var.project}-api-lambda"
  description        = "Alex ingest/search/documents Lambdas"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "api_logs" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for g in aws_cloudwatch_log_group.api : "${g.arn}:*"]
  }
}

resource "aws_iam_role_policy" "api_logs" {
  name   = "logs"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api_logs.json
}

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "VectorIndex"
    actions   = local.s3vectors_actions
    resources = [local.vector_index_arn]
  }

  statement {
    sid       = "Embeddings"
    actions   = ["sagemaker:InvokeEndpoint"]
    resources = [aws_sagemaker_endpoint.minilm.arn]
  }
}

resource "aws_iam_role_policy" "api" {
  name   = "knowledge-base"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api.json
}

# --- scheduler Lambda ---------------------------------------------------------------------

resource "aws_iam_role" "scheduler_lambda" {
  name               = "${var.project}-scheduler-lambda"
  description        = "Alex scheduler Lambda: calls the researcher"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "scheduler_lambda" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.scheduler.arn}:*"]
  }

  statement {
    sid       = "FailedRunsToDeadLetterQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.schedule_dlq.arn]
  }

  # Only with the researcher on Lambda: call its IAM-protected function URL. Function URLs
  # created since October 2025 need both actions.
  dynamic "statement" {
    for_each = local.researcher_on_lambda ? [1] : []
    content {
      sid       = "CallResearcherFunctionUrl"
      actions   = ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"]
      resources = [aws_lambda_alias.researcher[0].arn]
    }
  }
}

resource "aws_iam_role_policy" "scheduler_lambda" {
  name   = "scheduler"
  role   = aws_iam_role.scheduler_lambda.id
  policy = data.aws_iam_policy_document.scheduler_lambda.json
}

# --- researcher (same permissions on either runtime) -----------------------------------------

data "aws_iam_policy_document" "researcher" {
  # The researcher searches the knowledge base and stores its reports there, like the API functions.
  statement {
    sid       = "VectorIndex"
    actions   = local.s3vectors_actions
    resources = [local.vector_index_arn]
  }
  statement {
    sid       = "Embeddings"
    actions   = ["sagemaker:InvokeEndpoint"]
    resources = [aws_sagemaker_endpoint.minilm.arn]
  }
  statement {
    sid       = "LanguageModel"
    actions   = local.bedrock_actions
    resources = local.bedrock_resource_arns
  }
}

resource "aws_iam_role" "researcher_lambda" {
  count              = local.researcher_on_lambda ? 1 : 0
  name               = "${var.project}-researcher-lambda"
  description        = "Alex researcher Lambda"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "researcher_lambda_logs" {
  count = local.researcher_on_lambda ? 1 : 0
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.researcher[0].arn}:*"]
  }
}

resource "aws_iam_role_policy" "researcher_lambda_logs" {
  count  = local.researcher_on_lambda ? 1 : 0
  name   = "logs"
  role   = aws_iam_role.researcher_lambda[0].id
  policy = data.aws_iam_policy_document.researcher_lambda_logs[0].json
}

resource "aws_iam_role_policy" "researcher_lambda" {
  count  = local.researcher_on_lambda ? 1 : 0
  name   = "researcher"
  role   = aws_iam_role.researcher_lambda[0].id
  policy = data.aws_iam_policy_document.researcher.json
}

data "aws_iam_policy_document" "apprunner_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["tasks.apprunner.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "researcher_apprunner" {
  count              = local.researcher_on_apprunner ? 1 : 0
  name               = "${var.project}-researcher-apprunner"
  description        = "Alex researcher on App Runner (instance role)"
  assume_role_policy = data.aws_iam_policy_document.apprunner_tasks_assume.json
}

resource "aws_iam_role_policy" "researcher_apprunner" {
  count  = local.researcher_on_apprunner ? 1 : 0
  name   = "researcher"
  role   = aws_iam_role.researcher_apprunner[0].id
  policy = data.aws_iam_policy_document.researcher.json
}

# App Runner pulls the image from the stack's ECR repository with this role.
data "aws_iam_policy_document" "apprunner_build_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["build.apprunner.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "apprunner_ecr_access" {
  count              = local.researcher_on_apprunner ? 1 : 0
  name               = "${var.project}-apprunner-ecr"
  description        = "App Runner pulls the Alex researcher image"
  assume_role_policy = data.aws_iam_policy_document.apprunner_build_assume.json
}

data "aws_iam_policy_document" "apprunner_ecr_access" {
  count = local.researcher_on_apprunner ? 1 : 0

  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # this action has no resource-level permissions
  }

  statement {
    sid       = "PullResearcherImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages"]
    resources = [aws_ecr_repository.researcher[0].arn]
  }
}

resource "aws_iam_role_policy" "apprunner_ecr_access" {
  count  = local.researcher_on_apprunner ? 1 : 0
  name   = "ecr-pull"
  role   = aws_iam_role.apprunner_ecr_access[0].id
  policy = data.aws_iam_policy_document.apprunner_ecr_access[0].json
}

# --- EventBridge Scheduler -> scheduler Lambda -----------------------------------------------

data "aws_iam_policy_document" "eventbridge_scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "eventbridge_scheduler" {
  name               = "${var.project}-eventbridge-scheduler"
  description        = "EventBridge Scheduler invokes the Alex scheduler Lambda"
  assume_role_policy = data.aws_iam_policy_document.eventbridge_scheduler_assume.json
}

data "aws_iam_policy_document" "eventbridge_scheduler" {
  statement {
    sid       = "InvokeSchedulerLambda"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_alias.scheduler.arn]
  }

  statement {
    sid       = "DeadLetterQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.schedule_dlq.arn]
  }
}

resource "aws_iam_role_policy" "eventbridge_scheduler" {
  name   = "invoke-scheduler"
  role   = aws_iam_role.eventbridge_scheduler.id
  policy = data.aws_iam_policy_document.eventbridge_scheduler.json
}

# --- SageMaker model execution role -------------------------------------------------------------

data "aws_iam_policy_document" "sagemaker_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "sagemaker" {
  name               = "${var.project}-sagemaker-minilm"
  description        = "SageMaker runs the Alex MiniLM embeddings container"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_assume.json
}

locals {
  # Repository ARN of the inference image: 123456789012.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>
  sagemaker_image_parts    = regex("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)", local.sagemaker_image_uri)
  sagemaker_image_repo_arn = "arn:${local.partition}:ecr:${local.sagemaker_image_parts[1]}:${local.sagemaker_image_parts[0]}:repository/${local.sagemaker_image_parts[2]}"
}

data "aws_iam_policy_document" "sagemaker" {
  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # this action has no resource-level permissions
  }

  statement {
    sid       = "PullInferenceImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [local.sagemaker_image_repo_arn]
  }

  statement {
    sid       = "EndpointLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.sagemaker.arn}:*"]
  }

  statement {
    sid       = "EndpointMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"] # this action has no resource-level permissions
    condition {
      test     = "StringLike"
      variable = "cloudwatch:namespace"
      values   = ["/aws/sagemaker/*"]
    }
  }
}

resource "aws_iam_role_policy" "sagemaker" {
  name   = "run-inference-container"
  role   = aws_iam_role.sagemaker.id
  policy = data.aws_iam_policy_document.sagemaker.json
}

# --- API Gateway account role for access logs (see var.manage_api_gateway_account) ---------------

data "aws_iam_policy_document" "api_gateway_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api_gateway_logs" {
  count              = var.manage_api_gateway_account ? 1 : 0
  name               = "${var.project}-apigateway-cloudwatch"
  description        = "API Gateway writes access logs to CloudWatch Logs"
  assume_role_policy = data.aws_iam_policy_document.api_gateway_assume.json
}

resource "aws_iam_role_policy_attachment" "api_gateway_logs" {
  count      = var.manage_api_gateway_account ? 1 : 0
  role       = aws_iam_role.api_gateway_logs[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}
