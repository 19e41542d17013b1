// The independent reference for TransformersJsParityTest: transformers.js (npm @huggingface/transformers)
// runs the same ONNX file with its own WordPiece tokenizer, mean pooling and L2 normalisation, offline.
// usage: node embed.mjs <models folder> <model name> <texts.json>
// prints {"sentenceTransformers": {"ids": [[...]], "vectors": [[...]]}, "pipeline": {"ids": [[...]], "vectors": [[...]]}}
//
// Two readings of each text:
//  - "sentenceTransformers": truncated the way sentence-transformers (Hugging Face tokenizers) does for
//    this model: the text's first 254 word pieces between [CLS] and [SEP], 256 tokens in all;
//  - "pipeline": transformers.js's own feature-extraction pipeline, which truncates after adding the
//    special tokens, so a text past the window loses its [SEP] (reported, not the target).
import { AutoModel, AutoTokenizer, Tensor, env, mean_pooling, pipeline } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';

const [modelsFolder, modelName, textsFile] = process.argv.slice(2);
env.allowRemoteModels = false; // never download: the test lays the model out from the Maven jar
env.allowLocalModels = true;
env.localModelPath = modelsFolder;
env.useBrowserCache = false;
env.useFSCache = false;
const MAX_SEQUENCE = 256;

const texts = JSON.parse(readFileSync(textsFile, 'utf8'));
const tokenizer = await AutoTokenizer.from_pretrained(modelName);
const model = await AutoModel.from_pretrained(modelName, { dtype: 'fp32', device: 'cpu' });
const [cls, sep] = Array.from(tokenizer('').input_ids.data);

const ids = (tensor) => Array.from(tensor.data, Number);
const sentenceTransformers = { ids: [], vectors: [] };
for (const text of texts) {
  const content = Array.from(tokenizer(text, { add_special_tokens: false }).input_ids.data).slice(0, MAX_SEQUENCE - 2);
  const sequence = BigInt64Array.from([cls, ...content, sep]);
  const shape = [1, sequence.length];
  const input_ids = new Tensor('int64', sequence, shape);
  const attention_mask = new Tensor('int64', new BigInt64Array(sequence.length).fill(1n), shape);
  const token_type_ids = new Tensor('int64', new BigInt64Array(sequence.length), shape);
  const { last_hidden_state } = await model({ input_ids, attention_mask, token_type_ids });
  sentenceTransformers.ids.push(ids(input_ids));
  sentenceTransformers.vectors.push(Array.from(mean_pooling(last_hidden_state, attention_mask).normalize(2, -1).data));
}

const extractor = await pipeline('feature-extraction', modelName, { dtype: 'fp32', device: 'cpu' });
const pipelineOut = { ids: [], vectors: [] };
for (const text of texts) {
  pipelineOut.ids.push(ids(extractor.tokenizer(text, { truncation: true, max_length: MAX_SEQUENCE }).input_ids));
  pipelineOut.vectors.push(Array.from((await extractor(text, { pooling: 'mean', normalize: true })).data));
}
process.stdout.write(JSON.stringify({ sentenceTransformers, pipeline: pipelineOut }));
