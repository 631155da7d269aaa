package dev.mirrorscope.engine.reach.model;

/** A private IPv4 address of a network interface and the public IP associated with it, if any. */
public record PrivateAddress(Ip ip, boolean primary, Ip publicIp) {
}
