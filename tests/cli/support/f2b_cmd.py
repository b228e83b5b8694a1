#!/usr/bin/python3
"""Send commands to a fail2ban socket in one process (test set-up only, so
that fixtures do not depend on the code under test).
Usage: f2b_cmd.py SOCKET '[["add","j","polling"],["start","j"]]'
Prints one JSON line per reply; exits 1 on the first error reply."""
import json, pickle, socket, sys

END, CLOSE = b"<F2B_END_COMMAND>", b"<F2B_CLOSE_COMMAND>"

def main():
    path, cmds = sys.argv[1], json.loads(sys.argv[2])
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    try:
        for cmd in cmds:
            s.sendall(pickle.dumps(cmd, 2) + END)
            buf = b""
            while not buf.endswith(END):
                chunk = s.recv(65536)
                if not chunk:
                    raise SystemExit("server closed the connection")
                buf += chunk
            reply = pickle.loads(buf[: -len(END)])
            if not isinstance(reply, tuple) or reply[0] != 0:
                print(json.dumps({"cmd": cmd, "error": repr(reply)}))
                sys.exit(1)
            print(json.dumps({"cmd": cmd, "value": repr(reply[1])}))
        s.sendall(CLOSE + END)
    finally:
        s.close()

if __name__ == "__main__":
    main()
