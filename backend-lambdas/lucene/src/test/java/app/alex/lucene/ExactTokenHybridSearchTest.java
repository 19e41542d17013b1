package app.alex.lucene;

import app.alex.core.index.ExactTokenHybridContract;
import app.alex.core.index.VectorIndex;
import app.alex.core.testing.HashingEmbedder;

/** The embedded index: BM25 finds the passage holding the token. */
class ExactTokenHybridSearchTest extends ExactTokenHybridContract {
    @Override
    protected VectorIndex newIndex() {
        return LuceneVectorIndex.open(dir.resolve("index"), HashingEmbedder.DIMENSION);
    }
}
