package dev.mirrorscope.engine.decode;

/** Big-endian absolute reads over a byte array, widened to unsigned values. Callers check bounds first. */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    public static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF);
    }

    public static long u32(byte[] b, int i) {
        return (long) i32(b, i) & 0xFFFF_FFFFL;
    }

    public static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    public static long u48(byte[] b, int i) {
        return (long) u16(b, i) << 32 | u32(b, i + 2);
    }

    public static long i64(byte[] b, int i) {
        return (long) i32(b, i) << 32 | u32(b, i + 4);
    }

    /** a + b clamped to Integer.MAX_VALUE: declared lengths can point far beyond any array. */
    public static int addClamped(int a, long b) {
        long s = a + b;
        return s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
    }
}
