package io.vpcflow.format.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page decompression for reading: GZIP (what AWS writes) inflated by the JDK straight into an array of the page's
 * size; the other codecs as parquet-java does them. parquet-java's own GZIP path goes through Hadoop's stream with a
 * 4 KiB buffer, a native call per 4 KiB.
 */
final class PageCodecs implements CompressionCodecFactory {
    private final CompressionCodecFactory others;

    PageCodecs(CompressionCodecFactory others) {
        this.others = others;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return others.getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.GZIP ? new Gzip() : others.getDecompressor(codec);
    }

    @Override
    public void release() {
        others.release();
    }

    private static final class Gzip implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] out = new byte[uncompressedSize];
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes.toByteArray()), 64 * 1024)) {
                int n = in.readNBytes(out, 0, uncompressedSize);
                if (n != uncompressedSize) {
                    throw new IOException("a GZIP page inflates to " + n + " bytes, not the " + uncompressedSize
                            + " its header says");
                }
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
        }

        @Override
        public void release() {}
    }
}
