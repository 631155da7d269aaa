package dev.mirrorscope.engine.decode;

/** Kinds of the structures inside a layer that the decoders report to a {@link DecodeListener}. */
public final class Part {
    /** One TCP option, NOP and End of Option List included. */
    public static final int TCP_OPTION = 1;
    /** One IPv4 option, NOP and End of Options List included. */
    public static final int IPV4_OPTION = 2;
    /** One option of an IPv6 Hop-by-Hop or Destination Options header, Pad1 included. */
    public static final int IPV6_OPTION = 3;
    /** One Geneve option: its 4-byte header and data. */
    public static final int GENEVE_OPTION = 4;
    /** One DNS question (name, type, class). */
    public static final int DNS_QUESTION = 5;
    /** DNS resource records of the answer, authority and additional sections. */
    public static final int DNS_ANSWER = 6;
    public static final int DNS_AUTHORITY = 7;
    public static final int DNS_ADDITIONAL = 8;
    /** One TLS record (header and as much of its body as was captured). */
    public static final int TLS_RECORD = 9;
    /** The cipher suites of a ClientHello, after their 2-byte length. */
    public static final int TLS_CIPHER_SUITES = 10;
    /** The compression methods of a ClientHello, after their 1-byte length. */
    public static final int TLS_COMPRESSION_METHODS = 11;
    /** One ClientHello extension: type, length, data. */
    public static final int TLS_EXTENSION = 12;
    /** One HTTP/1.x header line after the start line, with its line end. */
    public static final int HTTP_HEADER = 13;
    /** The empty line that ends the HTTP/1.x header. */
    public static final int HTTP_HEADER_END = 14;

    private Part() {
    }
}
