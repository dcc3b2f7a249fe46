/**
 * The one list of API errors ({@link dev.starling.push.error.ApiError}, Beams' {@code {"error","description"}}
 * shape) and the one mapper that turns every exception, expected or not, into such a response.
 */
package dev.starling.push.error;
