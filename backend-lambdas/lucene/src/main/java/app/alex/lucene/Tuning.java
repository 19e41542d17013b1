package app.alex.lucene;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the embedded index stores and searches vectors.
 *
 * <p>The format applies to segments written from now on; segments of an older format stay readable
 * and are rewritten in the new one when Lucene merges them, so changing it never needs a re-ingest.
 *
 * @param vectors    how the HNSW graph holds vectors (the exact float vectors are always kept too)
 * @param candidates how many nearest neighbours each segment's graph search collects (HNSW's "ef");
 *                   the best k of them are returned
 */
public record Tuning(Vectors vectors, int candidates) {

    public enum Vectors {
        /** 4 bytes per dimension in the graph: exact distances while walking it. */
        FLOAT32,
        /** Scalar quantisation to 7 bits per dimension in the graph; candidates are re-ranked by the float vectors. */
        INT7
    }

    public static final Tuning DEFAULT = new Tuning(Vectors.FLOAT32, 200);

    public Tuning {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be positive");
        }
    }

    Codec codec() {
        KnnVectorsFormat format = switch (vectors) {
            case FLOAT32 -> new Lucene99HnswVectorsFormat();
            case INT7 -> new Lucene99HnswScalarQuantizedVectorsFormat();
        };
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }
}
