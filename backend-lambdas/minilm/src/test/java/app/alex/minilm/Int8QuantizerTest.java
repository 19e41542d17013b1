package app.alex.minilm;

import app.alex.minilm.onnx.OnnxSubset.ModelProto;
import app.alex.minilm.onnx.OnnxSubset.NodeProto;
import app.alex.minilm.onnx.OnnxSubset.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Int8QuantizerTest {

    @Test
    void weightProductsBecomeInt8ExceptTheTwoKeptInFp32AndEverythingElseIsKept() throws Exception {
        byte[] fp32;
        try (InputStream in = Int8QuantizerTest.class.getResourceAsStream(MiniLmEmbedder.MODEL_RESOURCE)) {
            fp32 = in.readAllBytes();
        }
        ModelProto before = ModelProto.parseFrom(fp32);

        ModelProto after = ModelProto.parseFrom(Int8Quantizer.quantize(fp32));

        var ops = after.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        // 6 layers x 6 weight products (query, key, value, attention output, feed-forward in and out), 2 kept fp32
        assertThat(ops.stream().filter("DynamicQuantizeMatMul"::equals).count()).isEqualTo(34);
        assertThat(after.getGraph().getNodeList()).filteredOn(n -> n.getOpType().equals("MatMul"))
                .extracting(NodeProto::getName).containsAll(Int8Quantizer.KEEP_FP32);
        assertThat(after.getGraph().getNodeCount()).isEqualTo(before.getGraph().getNodeCount());
        assertThat(after.getGraph().getInitializerList()).filteredOn(t -> t.getName().endsWith("_int8"))
                .allSatisfy(t -> assertThat(t.getDataType()).isEqualTo(TensorProto.DataType.INT8_VALUE));
        // fields the subset does not declare (inputs, outputs, attributes, ir_version) travel unchanged
        assertThat(after.getUnknownFields()).isEqualTo(before.getUnknownFields());
        assertThat(after.getGraph().getUnknownFields()).isEqualTo(before.getGraph().getUnknownFields());
        // 9.4 million weights go from 4 bytes to 1 (37.7 MB -> 9.4 MB); the embedding tables stay fp32
        assertThat(Int8Quantizer.quantize(fp32).length).isLessThan(fp32.length - 25_000_000);
    }

    @Test
    void unsignedWeightsAreTheSignedOnesPlus128WithZeroPoint128SoTheyMeanTheSameNumbers() throws Exception {
        byte[] fp32;
        try (InputStream in = Int8QuantizerTest.class.getResourceAsStream(MiniLmEmbedder.MODEL_RESOURCE)) {
            fp32 = in.readAllBytes();
        }
        var signed = initializers(ModelProto.parseFrom(Int8Quantizer.quantize(fp32, Int8Quantizer.Weights.SIGNED)));
        var unsigned = initializers(ModelProto.parseFrom(Int8Quantizer.quantize(fp32, Int8Quantizer.Weights.UNSIGNED)));

        assertThat(unsigned.keySet()).isEqualTo(signed.keySet());
        var weights = signed.keySet().stream().filter(name -> name.endsWith("_int8")).toList();
        assertThat(weights).hasSize(34);
        for (String name : weights) {
            String base = name.substring(0, name.length() - "_int8".length());
            TensorProto s = signed.get(name);
            TensorProto u = unsigned.get(name);
            assertThat(u.getDataType()).isEqualTo(TensorProto.DataType.UINT8_VALUE);
            assertThat(unsigned.get(base + "_zero_point").getDataType()).isEqualTo(TensorProto.DataType.UINT8_VALUE);
            assertThat(unsigned.get(base + "_zero_point").getRawData().toByteArray()).containsOnly((byte) 128);
            assertThat(signed.get(base + "_zero_point").getRawData().toByteArray()).containsOnly((byte) 0);
            assertThat(unsigned.get(base + "_scale")).isEqualTo(signed.get(base + "_scale"));
            byte[] sq = s.getRawData().toByteArray();
            byte[] uq = u.getRawData().toByteArray();
            assertThat(uq).hasSameSizeAs(sq);
            // (u - 128) * scale == s * scale: the same weight (s is symmetric, -127..127, so u is 1..255)
            int firstDifferent = -1;
            for (int i = 0; i < sq.length && firstDifferent < 0; i++) {
                if (Byte.toUnsignedInt(uq[i]) - 128 != sq[i]) {
                    firstDifferent = i;
                }
            }
            assertThat(firstDifferent).as("first weight of %s that differs", name).isEqualTo(-1);
        }
    }

    private static java.util.Map<String, TensorProto> initializers(ModelProto model) {
        var out = new java.util.HashMap<String, TensorProto>();
        model.getGraph().getInitializerList().forEach(t -> out.put(t.getName(), t));
        return out;
    }

    @Test
    void bytesThatAreNotTheModelAreRefused() {
        assertThatThrownBy(() -> Int8Quantizer.quantize(new byte[]{1, 2, 3})).isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> Int8Quantizer.quantize(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the expected model");
    }
}
