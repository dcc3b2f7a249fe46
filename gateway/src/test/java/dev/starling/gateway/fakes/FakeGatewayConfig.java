package dev.starling.gateway.fakes;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.starling.gateway.config.GatewayConfig;
import io.smallrye.config.WithDefault;

/**
 * A {@link GatewayConfig} for pure unit tests: every property answers its documented {@code @WithDefault} (empty for
 * optional ones) unless overridden by its dotted path, e.g. {@code "webhooks.debounce"}. Built from the interface
 * itself, so a new property needs no change here.
 */
public final class FakeGatewayConfig {

    private FakeGatewayConfig() {
    }

    public static GatewayConfig defaults() {
        return with(Map.of());
    }

    /** Defaults, with {@code overrides} (dotted property path → value of the method's return type). */
    public static GatewayConfig with(Map<String, Object> overrides) {
        return proxy(GatewayConfig.class, "", overrides);
    }

    private static <T> T proxy(Class<T> type, String prefix, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    return "FakeGatewayConfig[" + type.getSimpleName() + "]";
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    return value(method, prefix + method.getName(), overrides);
            }
        });
        return type.cast(proxy);
    }

    private static Object value(Method method, String path, Map<String, Object> overrides) {
        if (overrides.containsKey(path)) {
            return overrides.get(path);
        }
        Class<?> type = method.getReturnType();
        WithDefault fallback = method.getAnnotation(WithDefault.class);
        if (fallback != null) {
            return convert(type, fallback.value());
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (type == List.class) {
            return List.of();
        }
        if (type.isInterface()) {
            return proxy(type, path + ".", overrides);
        }
        throw new IllegalStateException("No default for " + path + "; pass it as an override");
    }

    private static Object convert(Class<?> type, String text) {
        if (type == int.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class) {
            return Long.parseLong(text);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type == String.class) {
            return text;
        }
        if (type == Duration.class) {
            return text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
                    : Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text.replace('-', '_').toUpperCase(Locale.ROOT))) {
                    return constant;
                }
            }
        }
        throw new IllegalStateException("Cannot convert '" + text + "' to " + type);
    }
}
