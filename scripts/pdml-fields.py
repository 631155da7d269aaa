#!/usr/bin/env python3
"""Reads tshark -T pdml on stdin and writes one row per displayed field of the protocols Mirrorscope's
packet-details tree dissects: frame number, field name, pos, size, show (tab-separated; backslash, tab,
CR and LF escaped; values longer than 200 characters cut to 200). Hidden fields are left out."""
import sys
import xml.etree.ElementTree as ET

PREFIXES = ("frame", "eth", "vlan", "arp", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6", "vxlan", "geneve",
            "gre", "erspan", "dns", "tls", "http", "sctp", "ah", "esp", "llc", "data", "sll", "mpls", "nsh",
            "ieee8021ad", "ieee8021ah")
MAX_SHOW = 200


def wanted(name):
    return name.split(".")[0] in PREFIXES


def escape(s):
    s = s[:MAX_SHOW]
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def walk(element, frame, out):
    for child in element:
        if child.tag not in ("proto", "field"):
            continue
        a = child.attrib
        name = a.get("name", "")
        if name and wanted(name) and a.get("hide") != "yes" and child.tag == "field" and a.get("pos") is not None:
            out.write(f"{frame}\t{name}\t{a['pos']}\t{a.get('size', '0')}\t{escape(a.get('show', ''))}\n")
        walk(child, frame, out)


def main():
    out = sys.stdout
    out.write("frame\tfield\tpos\tsize\tshow\n")
    frame = 0
    try:
        for _, element in ET.iterparse(sys.stdin.buffer, events=("end",)):
            if element.tag == "packet":
                frame += 1
                walk(element, frame, out)
                element.clear()
    except ET.ParseError:
        pass  # no output (a file tshark rejects) or output cut short: the packets read so far stand


main()
