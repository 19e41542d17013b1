# Inputs. Every variable has a description, a sensible default where one exists, and a
# validation that turns a typo into a clear plan-time message instead of a failed apply.

# --- naming, region, tags ----------------------------------------------------------------

variable "project" {
  description = "Name prefix for every resource (Lambda functions, roles, the vector bucket, the SageMaker endpoint...). Lowercase letters, digits and hyphens, 3-20 characters; change it to deploy a second copy into the same account and region."
  type        = string
  default     = "alex"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$", var.project))
    error_message = "project must be 3-20 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (it becomes part of bucket, function and endpoint names)."
  }
}

variable "aws_region" {
  description = "AWS Region for the whole backend. It must offer S3 Vectors, SageMaker serverless inference and Lambda java25; us-west-2 also serves the default Bedrock model."
  type        = string
  default     = "us-west-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like a Region code, for example us-west-2 or eu-central-1."
  }
}

variable "tags" {
  description = "Extra tags for every resource (added to the provider's default tags Project, Stack and ManagedBy; same keys override)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) <= 128 && length(v) <= 256])
    error_message = "Tag keys may be at most 128 characters and values at most 256."
  }
}

# --- build artifacts ---------------------------------------------------------------------

variable "lambdas_jar" {
  description = "Path to the shaded jar with the ingest, search, documents and scheduler handlers. Null means the Maven build output, ../backend-lambdas/lambdas/target/alex-lambdas.jar relative to this folder."
  type        = string
  default     = null

  validation {
    condition     = var.lambdas_jar == null || endswith(coalesce(var.lambdas_jar, "x.jar"), ".jar")
    error_message = "lambdas_jar must point at a .jar file (build it with the command in terraform/README.md)."
  }
}

variable "researcher_jar" {
  description = "Path to the researcher's shaded jar (used when researcher_runtime is \"lambda\"). Null means ../backend-lambdas/researcher/target/alex-researcher.jar relative to this folder."
  type        = string
  default     = null

  validation {
    condition     = var.researcher_jar == null || endswith(coalesce(var.researcher_jar, "x.jar"), ".jar")
    error_message = "researcher_jar must point at a .jar file (build it with the command in terraform/README.md)."
  }
}

# --- API Lambdas (ingest, search, documents) ---------------------------------------------

variable "lambda_memory_mb" {
  description = "Memory in MB for the ingest, search and documents Lambdas (CPU grows with memory). 1024 suits search and listing; raise it for heavy PDF ingest."
  type        = number
  default     = 1024

  validation {
    condition     = var.lambda_memory_mb >= 512 && var.lambda_memory_mb <= 10240 && floor(var.lambda_memory_mb) == var.lambda_memory_mb
    error_message = "lambda_memory_mb must be a whole number from 512 (a JVM needs that much) to 10240."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout in seconds for the ingest, search and documents Lambdas. API Gateway stops waiting after 29 s, so more than 29 only burns money."
  type        = number
  default     = 29

  validation {
    condition     = var.lambda_timeout_seconds >= 3 && var.lambda_timeout_seconds <= 29 && floor(var.lambda_timeout_seconds) == var.lambda_timeout_seconds
    error_message = "lambda_timeout_seconds must be a whole number from 3 to 29 (API Gateway's integration limit)."
  }
}

variable "snapstart_enabled" {
  description = "Turn on Lambda SnapStart for the Java functions (on published versions, reached through the \"live\" alias). Cuts cold starts from seconds to a few hundred ms at no extra cost for Java."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the logs of the Lambdas, the API access log and the SageMaker endpoint."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of CloudWatch's values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

# --- S3 Vectors ----------------------------------------------------------------------------

variable "vector_bucket_name" {
  description = "Name of the S3 Vectors vector bucket. Null means \"<project>-vectors-<account id>\"."
  type        = string
  default     = null

  validation {
    condition     = var.vector_bucket_name == null || can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", coalesce(var.vector_bucket_name, "ok")))
    error_message = "vector_bucket_name must be 3-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "vector_index_name" {
  description = "Name of the vector index inside the bucket (384 dimensions, cosine, float32)."
  type        = string
  default     = "chunks"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.vector_index_name))
    error_message = "vector_index_name must be 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "vector_force_destroy" {
  description = "Let terraform destroy delete the vector bucket even when it still holds vectors. Off by default so a destroy never silently drops the knowledge base; set true for throw-away stacks."
  type        = bool
  default     = false
}

# --- SageMaker embeddings endpoint ----------------------------------------------------------

variable "sagemaker_image_uri" {
  description = "Hugging Face PyTorch inference container (CPU) for the all-MiniLM-L6-v2 endpoint. Null means 763104351884.dkr.ecr.<region>.amazonaws.com/huggingface-pytorch-inference:<sagemaker_image_tag>; some Regions use another registry account, see terraform/README.md for how to look the URI up."
  type        = string
  default     = null

  validation {
    condition     = var.sagemaker_image_uri == null || can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[^:]+:.+$", coalesce(var.sagemaker_image_uri, "x")))
    error_message = "sagemaker_image_uri must be a full ECR image URI with a tag, like 763104351884.dkr.ecr.us-west-2.amazonaws.com/huggingface-pytorch-inference:<tag>."
  }
}

variable "sagemaker_image_tag" {
  description = "Tag of the Hugging Face PyTorch inference image used when sagemaker_image_uri is null. Serverless endpoints run on CPU, so pick a -cpu- tag."
  type        = string
  default     = "2.6.0-transformers4.49.0-cpu-py312-ubuntu22.04"

  validation {
    condition     = can(regex("-cpu-", var.sagemaker_image_tag))
    error_message = "sagemaker_image_tag must be a CPU image tag (contain \"-cpu-\"): serverless inference has no GPUs."
  }
}

variable "sagemaker_memory_mb" {
  description = "Memory of the serverless embeddings endpoint in MB. MiniLM fits easily in 3072; more memory also means more CPU."
  type        = number
  default     = 3072

  validation {
    condition     = contains([1024, 2048, 3072, 4096, 5120, 6144], var.sagemaker_memory_mb)
    error_message = "sagemaker_memory_mb must be one of 1024, 2048, 3072, 4096, 5120, 6144 (SageMaker serverless sizes)."
  }
}

variable "sagemaker_max_concurrency" {
  description = "Most concurrent invocations of the serverless embeddings endpoint (further requests are throttled and retried by the code). The account's default quota for all serverless endpoints together is often 10."
  type        = number
  default     = 5

  validation {
    condition     = var.sagemaker_max_concurrency >= 1 && var.sagemaker_max_concurrency <= 200 && floor(var.sagemaker_max_concurrency) == var.sagemaker_max_concurrency
    error_message = "sagemaker_max_concurrency must be a whole number from 1 to 200."
  }
}

variable "sagemaker_provisioned_concurrency" {
  description = "Warm copies of the embeddings model kept ready at all times (serverless provisioned concurrency): no cold start after idle, billed by the hour even when unused. 0 (the default) scales to zero; see terraform/README.md, Cold starts."
  type        = number
  default     = 0

  validation {
    condition     = var.sagemaker_provisioned_concurrency >= 0 && var.sagemaker_provisioned_concurrency <= var.sagemaker_max_concurrency && floor(var.sagemaker_provisioned_concurrency) == var.sagemaker_provisioned_concurrency
    error_message = "sagemaker_provisioned_concurrency must be a whole number from 0 to sagemaker_max_concurrency."
  }
}

# --- Bedrock (researcher's language model) ------------------------------------------------------

variable "bedrock_model_id" {
  description = "Bedrock model the researcher calls through Converse: a foundation model id (openai.gpt-oss-120b-1:0) or a cross-Region inference profile id (us.*, eu.*, apac.*, global.*). Enable access to it in the Bedrock console first."
  type        = string
  default     = "openai.gpt-oss-120b-1:0"

  validation {
    condition     = can(regex("^[a-z0-9-]+\\.[A-Za-z0-9.:_-]+$", var.bedrock_model_id))
    error_message = "bedrock_model_id must be a Bedrock model or inference profile id such as openai.gpt-oss-120b-1:0 or us.anthropic.claude-sonnet-4-20250514-v1:0."
  }
}

variable "bedrock_region" {
  description = "Region the researcher calls Bedrock in. Null means aws_region. gpt-oss-120b is served in us-west-2, among others."
  type        = string
  default     = null

  validation {
    condition     = var.bedrock_region == null || can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", coalesce(var.bedrock_region, "us-west-2")))
    error_message = "bedrock_region must look like a Region code, for example us-west-2."
  }
}

# --- researcher ---------------------------------------------------------------------------

variable "researcher_runtime" {
  description = "Where the researcher runs: \"lambda\" (default; a Lambda with a function URL that needs IAM-signed requests) or \"apprunner\" (an ECR repository and an App Runner service, 1 vCPU / 2 GB; only for accounts that already use App Runner, which no longer takes new customers)."
  type        = string
  default     = "lambda"

  validation {
    condition     = contains(["lambda", "apprunner"], var.researcher_runtime)
    error_message = "researcher_runtime must be \"lambda\" or \"apprunner\"."
  }
}

variable "researcher_memory_mb" {
  description = "Memory in MB of the researcher Lambda (researcher_runtime = \"lambda\")."
  type        = number
  default     = 2048

  validation {
    condition     = var.researcher_memory_mb >= 512 && var.researcher_memory_mb <= 10240 && floor(var.researcher_memory_mb) == var.researcher_memory_mb
    error_message = "researcher_memory_mb must be a whole number from 512 to 10240."
  }
}

variable "researcher_timeout_seconds" {
  description = "Longest a research run may take in the researcher Lambda, in seconds. At most 870: the scheduler Lambda waits for the run and must finish within Lambda's 900."
  type        = number
  default     = 600

  validation {
    condition     = var.researcher_timeout_seconds >= 30 && var.researcher_timeout_seconds <= 870 && floor(var.researcher_timeout_seconds) == var.researcher_timeout_seconds
    error_message = "researcher_timeout_seconds must be a whole number from 30 to 870 (the scheduler waits for the run, and Lambda stops at 900)."
  }
}

variable "researcher_image_tag" {
  description = "Tag of the researcher container image that App Runner runs from the stack's ECR repository (researcher_runtime = \"apprunner\"); push it before applying, see terraform/README.md."
  type        = string
  default     = "latest"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.researcher_image_tag))
    error_message = "researcher_image_tag must be a valid image tag (letters, digits, _ . -; at most 128 characters)."
  }
}

# --- schedule -----------------------------------------------------------------------------

variable "schedule_enabled" {
  description = "Run research on a schedule (EventBridge Scheduler -> scheduler Lambda -> researcher /research/auto). False keeps the schedule but disables it."
  type        = bool
  default     = true
}

variable "schedule_expression" {
  description = "When scheduled research runs: rate(...) or cron(...) in EventBridge Scheduler syntax."
  type        = string
  default     = "rate(2 hours)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(<n> minutes|hours|days) or cron(<six fields>), for example rate(2 hours) or cron(0 8 ? * MON-FRI *)."
  }
}

variable "schedule_timezone" {
  description = "IANA time zone for cron schedules, for example America/New_York."
  type        = string
  default     = "UTC"

  validation {
    condition     = can(regex("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", var.schedule_timezone))
    error_message = "schedule_timezone must be an IANA zone name such as UTC or Europe/London."
  }
}

variable "schedule_max_retry_attempts" {
  description = "How often EventBridge Scheduler retries an invocation of the scheduler Lambda that did not reach it (throttled, unavailable) before it goes to the dead-letter queue. Failed research is never retried."
  type        = number
  default     = 2

  validation {
    condition     = var.schedule_max_retry_attempts >= 0 && var.schedule_max_retry_attempts <= 185 && floor(var.schedule_max_retry_attempts) == var.schedule_max_retry_attempts
    error_message = "schedule_max_retry_attempts must be a whole number from 0 to 185."
  }
}

variable "schedule_max_event_age_seconds" {
  description = "How long EventBridge Scheduler keeps retrying one run, in seconds, before it goes to the dead-letter queue. Keep it below the schedule interval so runs do not pile up."
  type        = number
  default     = 3600

  validation {
    condition     = var.schedule_max_event_age_seconds >= 60 && var.schedule_max_event_age_seconds <= 86400 && floor(var.schedule_max_event_age_seconds) == var.schedule_max_event_age_seconds
    error_message = "schedule_max_event_age_seconds must be a whole number from 60 to 86400."
  }
}

# --- API Gateway -------------------------------------------------------------------------

variable "api_stage_name" {
  description = "Name of the API Gateway stage; it becomes the first path segment of the API URL."
  type        = string
  default     = "v1"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.api_stage_name))
    error_message = "api_stage_name may contain only letters, digits, hyphens and underscores."
  }
}

variable "api_throttle_rate_limit" {
  description = "Steady request rate (requests per second) the usage plan allows one API key."
  type        = number
  default     = 10

  validation {
    condition     = var.api_throttle_rate_limit > 0 && var.api_throttle_rate_limit <= 10000
    error_message = "api_throttle_rate_limit must be above 0 and at most 10000 requests per second."
  }
}

variable "api_throttle_burst_limit" {
  description = "Burst of requests the usage plan allows one API key above the steady rate."
  type        = number
  default     = 20

  validation {
    condition     = var.api_throttle_burst_limit >= 1 && var.api_throttle_burst_limit <= 5000 && floor(var.api_throttle_burst_limit) == var.api_throttle_burst_limit
    error_message = "api_throttle_burst_limit must be a whole number from 1 to 5000."
  }

  validation {
    condition     = var.api_throttle_burst_limit >= var.api_throttle_rate_limit
    error_message = "api_throttle_burst_limit must be at least api_throttle_rate_limit."
  }
}

variable "api_quota_limit" {
  description = "Most requests one API key may make per api_quota_period (a cap on runaway scripts and on cost)."
  type        = number
  default     = 10000

  validation {
    condition     = var.api_quota_limit >= 1 && floor(var.api_quota_limit) == var.api_quota_limit
    error_message = "api_quota_limit must be a whole number of at least 1."
  }
}

variable "api_quota_period" {
  description = "Period of api_quota_limit: DAY, WEEK or MONTH."
  type        = string
  default     = "DAY"

  validation {
    condition     = contains(["DAY", "WEEK", "MONTH"], var.api_quota_period)
    error_message = "api_quota_period must be DAY, WEEK or MONTH."
  }
}

variable "manage_api_gateway_account" {
  description = "Set the Region's API Gateway account setting to a role that may write CloudWatch logs (needed for the stage's access logs). It is one setting per account and Region: set false if something else already manages it."
  type        = bool
  default     = true
}

variable "watchlist" {
  description = "Tickers and themes scheduled research rotates through (the one researched longest ago first). Empty means a built-in list of broad market themes."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.watchlist : length(trimspace(t)) > 0 && length(t) <= 200 && !strcontains(t, ",")])
    error_message = "Each watchlist entry must be 1 to 200 characters without commas."
  }
}
