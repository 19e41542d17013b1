# What the desktop's Remote settings (and scripts) need after an apply.

output "api_url" {
  description = "Base URL of the knowledge-base API (POST /ingest, POST /search, /documents). Desktop: Remote settings -> API URL."
  value       = aws_api_gateway_stage.alex.invoke_url
}

output "api_key_id" {
  description = "Id of the API key for the x-api-key header (the value itself is in the sensitive output api_key, or see api_key_command)."
  value       = aws_api_gateway_api_key.desktop.id
}

output "api_key_command" {
  description = "Command that prints the API key's value. Desktop: Remote settings -> API key."
  value       = "aws apigateway get-api-key --api-key ${aws_api_gateway_api_key.desktop.id} --include-value --query value --output text --region ${var.aws_region}"
}

output "api_key" {
  description = "The API key's value (sensitive: terraform -chdir=terraform output -raw api_key)."
  value       = aws_api_gateway_api_key.desktop.value
  sensitive   = true
}

output "researcher_url" {
  description = "Base URL of the researcher (GET /health, POST /research, POST /research/auto, GET /research). On Lambda, requests must be signed with SigV4 for the service \"lambda\". Desktop: Remote settings -> Researcher URL."
  value       = local.researcher_url
}

output "researcher_runtime" {
  description = "Where the researcher runs: lambda or apprunner."
  value       = var.researcher_runtime
}

output "researcher_ecr_repository_url" {
  description = "ECR repository to push the researcher image to (researcher_runtime = \"apprunner\"); null on Lambda."
  value       = one(aws_ecr_repository.researcher[*].repository_url)
}

output "vector_bucket" {
  description = "S3 Vectors bucket holding the knowledge base."
  value       = aws_s3vectors_vector_bucket.kb.vector_bucket_name
}

output "vector_index_arn" {
  description = "ARN of the S3 Vectors index (384 dimensions, cosine)."
  value       = aws_s3vectors_index.chunks.index_arn
}

output "embeddings_endpoint" {
  description = "SageMaker serverless endpoint serving all-MiniLM-L6-v2."
  value       = aws_sagemaker_endpoint.minilm.name
}

output "schedule" {
  description = "The research schedule: its expression and whether it is on."
  value       = "${var.schedule_expression} (${var.schedule_enabled ? "enabled" : "disabled"})"
}

output "schedule_dead_letter_queue_url" {
  description = "SQS queue that receives scheduled runs that failed after retries; look here when the feed stops growing."
  value       = aws_sqs_queue.schedule_dlq.url
}
