package org.toposcope.core.spi;

/** The inference engine behind a model loader, as loaded in this process ({@code PyTorch 2.7.1}). */
public record EngineInfo(String name, String version, String detail) {
    @Override
    public String toString() {
        return name + " " + version;
    }
}
