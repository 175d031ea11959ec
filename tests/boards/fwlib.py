# SPDX-License-Identifier: Apache-2.0
"""fwlib: running a firmware image in QEMU the way a device runs: its
credential page (boards/common/provision.py) in a flash file, its clock from
SNTP, its network through QEMU's restricted user networking to the test
double. Used by tests/boards/test_qemu_*.py and `make size`.

  page = fwlib.flash(tmp, token="device-token-0042", auth_id=..., https=True, self_=True)
  r = fwlib.run(elf, page, double_port, ntp_offset=0)
  fwlib.page_state(page)   # 'ok', 'erased', ... read back from the flash file

The flash file stands for the part's flash page: QEMU maps it as the MPS2
board's PSRAM (memory-backend-file, shared), where the linker scripts place
il_cred_page, so what the firmware programs there is in the file when QEMU
exits."""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "boards", "common"))
import provision  # noqa: E402

RELAY = os.path.join(HERE, "relay.py")
SNTP = os.path.join(HERE, "sntp_server.py")
FLASH_SIZE = 16 << 20          # MPS2's PSRAM, QEMU's default size for it
DEVICE_TOKEN, DEVICE_ID = "device-token-0042", "0d2a3c5b7e8f9000"
OP_TOKEN, AUTH_ID = "op-token-for-tests", "06c86c40a9f36000"
BOARDS = {
    "mps2": {"qemu": "qemu-system-arm", "machine": "mps2-an386", "ram_id": "psram",
             "nic": ["-nic", "user,model=lan9118,restrict=on,%s"]},
    # MPS2 AN505 (Cortex-M33): the page in the board's RAM at 0x80000000 (mps2-an505.ld)
    "an505": {"qemu": "qemu-system-arm", "machine": "mps2-an505", "ram_id": "mps.ram",
              "nic": ["-nic", "user,model=lan9118,restrict=on,%s"]},
    # RISC-V virt: the page is loaded into DRAM where riscv.ld places il_cred_page
    # (not read back); virtio-mmio version 2, which QEMU 7.2 offers only when asked
    "riscv": {"qemu": "qemu-system-riscv32", "machine": "virt", "page_addr": 0x800C0000,
              "extra": ["-bios", "none", "-global", "virtio-mmio.force-legacy=false"],
              "nic": ["-netdev", "user,id=n0,restrict=on,%s", "-device", "virtio-net-device,netdev=n0"]},
}


def flash(tmp, token=DEVICE_TOKEN, auth_id=DEVICE_ID, https=False, self_=None, ca=None, raw=None, **kw):
    """A flash file holding a page for one device (or raw bytes); its path."""
    fd, path = tempfile.mkstemp(prefix="flash-", dir=tmp)
    if raw is None:
        if self_ is None:
            self_ = token == DEVICE_TOKEN
        ca_pem = open(ca, "rb").read() if ca else None
        raw = provision.build("10.0.2.100", 8086, auth_id, token, https=https, ca_pem=ca_pem, self_=self_, **kw)
    with os.fdopen(fd, "wb") as f:
        f.write(raw)
        f.truncate(FLASH_SIZE)
    return path


def page_state(path):
    with open(path, "rb") as f:
        return provision.state(f.read(provision.PAGE))


def page_bytes(path):
    with open(path, "rb") as f:
        return f.read(provision.PAGE)


def _ntp_sender(port, offset):
    """The SNTP broadcaster, from a loopback address of its own."""
    bind = "127.%d.%d.%d" % (random.randint(1, 254), random.randint(0, 255), random.randint(1, 254))
    return subprocess.Popen([sys.executable, SNTP, "--broadcast", "127.0.0.1:%d" % port, "--bind", bind,
                             "--offset", str(offset), "--max-seconds", "120"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _free_udp_port():
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(elf, page, port, ntp_offset=None, seconds=90, board="mps2"):
    """Run elf with the flash file page against 127.0.0.1:port (the double);
    with ntp_offset, SNTP broadcasts of now + ntp_offset seconds reach it."""
    b = BOARDS[board]
    fwd = "guestfwd=tcp:10.0.2.100:8086-cmd:%s %s --stdio %d" % (sys.executable, RELAY, port)
    sender = None
    if ntp_offset is not None:
        uport = _free_udp_port()
        fwd += ",hostfwd=udp:127.0.0.1:%d-10.0.2.15:123" % uport
        sender = _ntp_sender(uport, ntp_offset)
    if "page_addr" in b:
        args = ["timeout", str(seconds), b["qemu"], "-M", b["machine"], "-nographic", "-monitor", "none",
                "-serial", "stdio", "-device", "loader,file=%s,addr=0x%x,force-raw=on" % (page, b["page_addr"])]
        args += b["extra"]
    else:
        args = ["timeout", str(seconds), b["qemu"], "-M", "%s,memory-backend=%s" % (b["machine"], b["ram_id"]),
                "-object", "memory-backend-file,id=%s,size=%d,mem-path=%s,share=on" % (b["ram_id"], FLASH_SIZE, page),
                "-nographic", "-monitor", "none", "-serial", "stdio",
                "-semihosting-config", "enable=on,target=native"]
    args += [x % fwd if "%s" in x else x for x in b["nic"]] + ["-kernel", elf]
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=seconds + 10)
    finally:
        if sender is not None:
            sender.kill()
            sender.wait()


def uart_value(r, prefix):
    """The rest of the first UART line starting with prefix, or None."""
    for line in r.stdout.splitlines():
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    return None
