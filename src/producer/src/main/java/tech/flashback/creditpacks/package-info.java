/** The reference producer of {@code GET /credits/packs}: a Spring Boot service over a relational catalog. */
package tech.flashback.creditpacks;
