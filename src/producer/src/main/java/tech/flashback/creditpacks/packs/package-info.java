/**
 * The credit packs catalog: the store (JDBC, H2 or PostgreSQL), read off the request threads into a
 * bounded-staleness catalog served from memory, and the endpoint that renders it.
 */
package tech.flashback.creditpacks.packs;
