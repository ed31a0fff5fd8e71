package org.opencpm.msrp;

/** The MSRP response codes of RFC 4975 §7.2 and §10, with their default comments. */
public final class MsrpStatusCodes {

    public static final int OK = 200;
    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int REQUEST_TIMEOUT = 408;
    public static final int STOP_SENDING = 413;
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    public static final int PARAMETER_OUT_OF_BOUNDS = 423;
    public static final int SESSION_DOES_NOT_EXIST = 481;
    public static final int UNKNOWN_METHOD = 501;
    public static final int SESSION_ALREADY_BOUND = 506;

    private MsrpStatusCodes() {
    }

    /** The comment RFC 4975 uses for {@code code}, or {@code null} for an unknown code. */
    public static String defaultComment(int code) {
        switch (code) {
            case OK: return "OK";
            case BAD_REQUEST: return "Bad Request";
            case FORBIDDEN: return "Forbidden";
            case REQUEST_TIMEOUT: return "Request Timeout";
            case STOP_SENDING: return "Message Too Large";
            case UNSUPPORTED_MEDIA_TYPE: return "Unsupported Media Type";
            case PARAMETER_OUT_OF_BOUNDS: return "Parameter Out Of Bounds";
            case SESSION_DOES_NOT_EXIST: return "Session Does Not Exist";
            case UNKNOWN_METHOD: return "Unknown Method";
            case SESSION_ALREADY_BOUND: return "Session Already Bound";
            default: return null;
        }
    }
}
