package dev.mirrorscope.app.common;

import java.util.List;
import java.util.Objects;

/** The workstation's two complete themes: a shared structure sheet and one colour sheet each, over Modena. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private static final String BASE = "/dev/mirrorscope/app/base.css";
    private final String sheet;

    Theme(String sheet) {
        this.sheet = sheet;
    }

    /** Stylesheet URLs for a scene, in order. */
    public List<String> stylesheets() {
        return List.of(url(BASE), url("/dev/mirrorscope/app/" + sheet));
    }

    public static Theme parse(String name) {
        return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String url(String resource) {
        return Objects.requireNonNull(Theme.class.getResource(resource), resource).toExternalForm();
    }
}
