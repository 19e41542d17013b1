# Research on its own: EventBridge Scheduler calls the scheduler Lambda (through its "live"
# alias) every two hours by default; the Lambda calls the researcher's POST /research/auto
# directly, never through API Gateway's 29 s limit.
#
# One run per slot: the schedule hands the Lambda its slot (<aws.scheduler.scheduled-time>),
# the Lambda passes it on, and the researcher answers a slot it has already researched with
# that report instead of a second run. Failed research is not retried at all: Scheduler invokes
# Lambda asynchronously, and Lambda would otherwise run a failed 10-minute research twice more
# (model cost, duplicate reports). Scheduler's own retries (schedule_max_retry_attempts) only
# cover an invocation that did not reach Lambda (throttled, Lambda unavailable). Every failure
# lands in one dead-letter queue for inspection.

resource "aws_sqs_queue" "schedule_dlq" {
  name                      = "${var.project}-schedule-dlq"
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps
  sqs_managed_sse_enabled   = true
}

resource "aws_scheduler_schedule" "research" {
  name        = "${var.project}-research"
  description = "Alex: scheduled research (scheduler Lambda -> researcher POST /research/auto)"
  state       = var.schedule_enabled ? "ENABLED" : "DISABLED"

  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.scheduler.arn
    role_arn = aws_iam_role.eventbridge_scheduler.arn
    input = jsonencode({
      source   = "eventbridge-scheduler"
      schedule = "${var.project}-research"
      # Scheduler's context attribute: the slot's time, the same on every retry of the slot.
      scheduled_time = "<aws.scheduler.scheduled-time>"
    })

    retry_policy {
      maximum_retry_attempts       = var.schedule_max_retry_attempts
      maximum_event_age_in_seconds = var.schedule_max_event_age_seconds
    }

    dead_letter_config {
      arn = aws_sqs_queue.schedule_dlq.arn
    }
  }
}

# EventBridge Scheduler invokes Lambda asynchronously, and Lambda retries a failed async
# invocation twice unless told not to: a run that fails inside the function (research failed,
# researcher unreachable) is not repeated but sent to the same dead-letter queue, so failures
# are visible in one place and cost one run.
resource "aws_lambda_function_event_invoke_config" "scheduler" {
  function_name                = aws_lambda_function.scheduler.function_name
  qualifier                    = aws_lambda_alias.scheduler.name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = max(60, min(21600, var.schedule_max_event_age_seconds))

  destination_config {
    on_failure {
      destination = aws_sqs_queue.schedule_dlq.arn
    }
  }
}
