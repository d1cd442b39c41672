package dev.pinkeeper.acme;

/**
 * The CA would not create the ACME account because of its External Account Binding: it requires one
 * and none was given ({@link #missing()}), or it refused the one given (a wrong key id or HMAC key).
 * Nothing was kept: no account key is written for an account the CA did not create.
 */
public class AccountBindingException extends IssuanceException {
    private static final long serialVersionUID = 1L;
    private final boolean missing;

    public AccountBindingException(String message, boolean missing, Throwable cause) {
        super(message, cause);
        this.missing = missing;
    }

    /** Whether the CA requires a binding and none was given (else: it refused the one given). */
    public boolean missing() {
        return missing;
    }
}
