package io.vpcflow.cli.support;

/** A mistake the user can fix (a missing path, a bad value): shown as one sentence, no stack trace. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String sentence) {
        super(sentence, null, false, false);
    }
}
