package net.backup.inventory;

/** A mistake in the inventory, with a message fit to print as it is: file, line, column, field, problem. */
public final class InventoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }
}
