# Names and settings shared by the files of this stack. Anything the Java code reads or
# defines (handler classes, environment variable names, the chunk-text metadata key) lives
# here, and the offline checks in terraform/src/test hold it to the code.

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  lambdas_jar    = coalesce(var.lambdas_jar, "${path.module}/../backend-lambdas/lambdas/target/alex-lambdas.jar")
  researcher_jar = coalesce(var.researcher_jar, "${path.module}/../backend-lambdas/researcher/target/alex-researcher.jar")

  vector_bucket_name = coalesce(var.vector_bucket_name, "${var.project}-vectors-${local.account_id}")
  bedrock_region     = coalesce(var.bedrock_region, var.aws_region)

  researcher_on_lambda    = var.researcher_runtime == "lambda"
  researcher_on_apprunner = var.researcher_runtime == "apprunner"

  # The researcher's base URL, whichever runtime hosts it (no trailing slash).
  researcher_url = (local.researcher_on_lambda
    ? trimsuffix(try(aws_lambda_function_url.researcher[0].function_url, ""), "/")
  : "https://${try(aws_apprunner_service.researcher[0].service_url, "")}")
}
