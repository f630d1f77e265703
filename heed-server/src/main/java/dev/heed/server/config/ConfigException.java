package dev.heed.server.config;

/** The configuration is wrong; the message says where and how to fix it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
