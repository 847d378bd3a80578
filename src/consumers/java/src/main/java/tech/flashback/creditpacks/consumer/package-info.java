/** A Java consumer of the credit packs API, as a consumer team writes one: a small typed client on Jackson alone. */
package tech.flashback.creditpacks.consumer;
