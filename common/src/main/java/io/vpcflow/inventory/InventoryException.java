package io.vpcflow.inventory;

/** An inventory that cannot be read or used, with a sentence that says which file and why. */
public final class InventoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
