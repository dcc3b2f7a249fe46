/** The typed configuration of history-service ({@code starling.history.*}), one interface with every default. */
package dev.starling.history.config;
