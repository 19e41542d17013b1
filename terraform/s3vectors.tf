# The knowledge base's vector store: one S3 Vectors bucket with one index.
# Native resources of hashicorp/aws >= 6.24 (see versions.tf); no awscc provider needed.

resource "aws_s3vectors_vector_bucket" "kb" {
  vector_bucket_name = local.vector_bucket_name
  force_destroy      = var.vector_force_destroy
}

resource "aws_s3vectors_index" "chunks" {
  vector_bucket_name = aws_s3vectors_vector_bucket.kb.vector_bucket_name
  index_name         = var.vector_index_name

  # all-MiniLM-L6-v2: 384 dimensions, L2-normalised, compared by cosine.
  data_type       = "float32"
  dimension       = 384
  distance_metric = "cosine"

  # Keys are filterable (at most 2 KB per vector) unless declared here when the index is
  # created; the chunk text is far bigger, so it must be non-filterable or PutVectors fails.
  metadata_configuration {
    non_filterable_metadata_keys = local.non_filterable_metadata_keys
  }
}

locals {
  # Must equal the metadata key(s) the S3VectorsIndex adapter writes as non-filterable.
  non_filterable_metadata_keys = ["text"]
}
