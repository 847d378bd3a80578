/**
 * The HTTP surface shared by every endpoint: the JSON error envelope for every failure (Spring's and
 * Tomcat's own), CORS, shared headers, bounded content negotiation, and the request-head deadline.
 */
package tech.flashback.creditpacks.api;
