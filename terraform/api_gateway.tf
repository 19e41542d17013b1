# The public HTTP API: API Gateway REST with the routes of the OpenAPI contract
# (backend-lambdas/api/src/main/resources/openapi.yaml), every method behind an API key
# (header x-api-key), a usage plan for rate, burst and quota, and a stage with access logs.
# Each route proxies (AWS_PROXY) to the "live" alias of its Lambda.

resource "aws_api_gateway_rest_api" "alex" {
  name        = "${var.project}-api"
  description = "Alex Workbench knowledge-base API (ingest, search, documents)"

  api_key_source = "HEADER"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# --- resources (paths) ---------------------------------------------------------------

resource "aws_api_gateway_resource" "ingest" {
  rest_api_id = aws_api_gateway_rest_api.alex.id
  parent_id   = aws_api_gateway_rest_api.alex.root_resource_id
  path_part   = "ingest"
}

resource "aws_api_gateway_resource" "search" {
  rest_api_id = aws_api_gateway_rest_api.alex.id
  parent_id   = aws_api_gateway_rest_api.alex.root_resource_id
  path_part   = "search"
}

resource "aws_api_gateway_resource" "documents" {
  rest_api_id = aws_api_gateway_rest_api.alex.id
  parent_id   = aws_api_gateway_rest_api.alex.root_resource_id
  path_part   = "documents"
}

resource "aws_api_gateway_resource" "document" {
  rest_api_id = aws_api_gateway_rest_api.alex.id
  parent_id   = aws_api_gateway_resource.documents.id
  path_part   = "{id}"
}

# --- methods: one per route of the contract, each naming the Lambda that serves it ----

resource "aws_api_gateway_method" "ingest_post" {
  rest_api_id      = aws_api_gateway_rest_api.alex.id
  resource_id      = aws_api_gateway_resource.ingest.id
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_method" "search_post" {
  rest_api_id      = aws_api_gateway_rest_api.alex.id
  resource_id      = aws_api_gateway_resource.search.id
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_method" "documents_get" {
  rest_api_id      = aws_api_gateway_rest_api.alex.id
  resource_id      = aws_api_gateway_resource.documents.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_method" "document_get" {
  rest_api_id      = aws_api_gateway_rest_api.alex.id
  resource_id      = aws_api_gateway_resource.document.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_method" "document_delete" {
  rest_api_id      = aws_api_gateway_rest_api.alex.id
  resource_id      = aws_api_gateway_resource.document.id
  http_method      = "DELETE"
  authorization    = "NONE"
  api_key_required = true
}

# --- integrations: Lambda proxy to the alias --------------------------------------------

resource "aws_api_gateway_integration" "ingest_post" {
  rest_api_id             = aws_api_gateway_rest_api.alex.id
  resource_id             = aws_api_gateway_method.ingest_post.resource_id
  http_method             = aws_api_gateway_method.ingest_post.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_alias.api["ingest"].invoke_arn
}

resource "aws_api_gateway_integration" "search_post" {
  rest_api_id             = aws_api_gateway_rest_api.alex.id
  resource_id             = aws_api_gateway_method.search_post.resource_id
  http_method             = aws_api_gateway_method.search_post.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_alias.api["search"].invoke_arn
}

resource "aws_api_gateway_integration" "documents_get" {
  rest_api_id             = aws_api_gateway_rest_api.alex.id
  resource_id             = aws_api_gateway_method.documents_get.resource_id
  http_method             = aws_api_gateway_method.documents_get.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_alias.api["documents"].invoke_arn
}

resource "aws_api_gateway_integration" "document_get" {
  rest_api_id             = aws_api_gateway_rest_api.alex.id
  resource_id             = aws_api_gateway_method.document_get.resource_id
  http_method             = aws_api_gateway_method.document_get.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_alias.api["documents"].invoke_arn
}

resource "aws_api_gateway_integration" "document_delete" {
  rest_api_id             = aws_api_gateway_rest_api.alex.id
  resource_id             = aws_api_gateway_method.document_delete.resource_id
  http_method             = aws_api_gateway_method.document_delete.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_alias.api["documents"].invoke_arn
}

# API Gateway may invoke each alias, only from this API's stage and methods.
resource "aws_lambda_permission" "api_gateway" {
  for_each = local.api_functions

  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api[each.key].function_name
  qualifier     = aws_lambda_alias.api[each.key].name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.alex.execution_arn}/*/*/*"
}

# --- errors in the contract's shape: {"error": {"code", "message"}} --------------------------

locals {
  gateway_errors = {
    API_KEY_INVALID              = { status = "403", code = "forbidden", message = "Missing or unknown API key: send a valid key in the x-api-key header." }
    MISSING_AUTHENTICATION_TOKEN = { status = "404", code = "not_found", message = "No such route. See the OpenAPI contract for the paths and methods." }
    ACCESS_DENIED                = { status = "403", code = "forbidden", message = "Access denied." }
    THROTTLED                    = { status = "429", code = "rate_limited", message = "Too many requests: slow down and retry shortly." }
    QUOTA_EXCEEDED               = { status = "429", code = "rate_limited", message = "The API key's request quota for this period is used up." }
    REQUEST_TOO_LARGE            = { status = "413", code = "payload_too_large", message = "The request body is larger than API Gateway accepts (10 MB)." }
    UNSUPPORTED_MEDIA_TYPE       = { status = "415", code = "unsupported_media_type", message = "Unsupported content type: send application/json." }
    INTEGRATION_TIMEOUT          = { status = "503", code = "unavailable", message = "The request took longer than 29 seconds; retry, or send the document in parts." }
    DEFAULT_4XX                  = { status = null, code = "bad_request", message = null }
    DEFAULT_5XX                  = { status = null, code = "internal", message = null }
  }
}

resource "aws_api_gateway_gateway_response" "errors" {
  for_each = local.gateway_errors

  rest_api_id   = aws_api_gateway_rest_api.alex.id
  response_type = each.key
  status_code   = each.value.status

  response_templates = {
    "application/json" = each.value.message == null ? "{\"error\":{\"code\":\"${each.value.code}\",\"message\":$context.error.messageString}}" : jsonencode({ error = { code = each.value.code, message = each.value.message } })
  }
}

# --- deployment, stage, access logs --------------------------------------------------------

resource "aws_api_gateway_deployment" "alex" {
  rest_api_id = aws_api_gateway_rest_api.alex.id

  # Redeploy whenever a route, integration or error response changes.
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.ingest,
      aws_api_gateway_resource.search,
      aws_api_gateway_resource.documents,
      aws_api_gateway_resource.document,
      aws_api_gateway_method.ingest_post,
      aws_api_gateway_method.search_post,
      aws_api_gateway_method.documents_get,
      aws_api_gateway_method.document_get,
      aws_api_gateway_method.document_delete,
      aws_api_gateway_integration.ingest_post,
      aws_api_gateway_integration.search_post,
      aws_api_gateway_integration.documents_get,
      aws_api_gateway_integration.document_get,
      aws_api_gateway_integration.document_delete,
      aws_api_gateway_gateway_response.errors,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.project}-api/access"
  retention_in_days = var.log_retention_days
}

resource "aws_api_gateway_stage" "alex" {
  rest_api_id   = aws_api_gateway_rest_api.alex.id
  deployment_id = aws_api_gateway_deployment.alex.id
  stage_name    = var.api_stage_name

  # One JSON line per request; never the API key or the body.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      requestTime      = "$context.requestTime"
      ip               = "$context.identity.sourceIp"
      method           = "$context.httpMethod"
      path             = "$context.resourcePath"
      status           = "$context.status"
      responseLength   = "$context.responseLength"
      latencyMs        = "$context.responseLatency"
      integrationMs    = "$context.integration.latency"
      integrationError = "$context.integration.error"
      apiKeyId         = "$context.identity.apiKeyId"
      errorType        = "$context.error.responseType"
    })
  }

  depends_on = [aws_api_gateway_account.this]
}

# Access logs need the Region's API Gateway account setting to name a role that may write
# to CloudWatch Logs. One setting per account and Region (see var.manage_api_gateway_account).
resource "aws_api_gateway_account" "this" {
  count               = var.manage_api_gateway_account ? 1 : 0
  cloudwatch_role_arn = aws_iam_role.api_gateway_logs[0].arn

  # API Gateway checks that the role may write to CloudWatch Logs when the setting is saved:
  # on a first apply the policy must be attached before, or the call fails.
  depends_on = [aws_iam_role_policy_attachment.api_gateway_logs]
}

# --- API key and usage plan ------------------------------------------------------------------

resource "aws_api_gateway_api_key" "desktop" {
  name        = "${var.project}-desktop"
  description = "Key for the Alex desktop (Remote settings) and scripts; read it with the command in the outputs."
  enabled     = true
}

resource "aws_api_gateway_usage_plan" "alex" {
  name        = "${var.project}-usage"
  description = "Rate, burst and quota for Alex API keys"

  api_stages {
    api_id = aws_api_gateway_rest_api.alex.id
    stage  = aws_api_gateway_stage.alex.stage_name
  }

  throttle_settings {
    rate_limit  = var.api_throttle_rate_limit
    burst_limit = var.api_throttle_burst_limit
  }

  quota_settings {
    limit  = var.api_quota_limit
    period = var.api_quota_period
  }
}

resource "aws_api_gateway_usage_plan_key" "desktop" {
  key_id        = aws_api_gateway_api_key.desktop.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.alex.id
}
