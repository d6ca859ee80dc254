#!/usr/bin/python3
"""Interop partner for TestJoseInterop, using python3-jwcrypto.

    jwcrypto_interop.py make DIR NOW    writes ALG.jwcrypto.token, ALG.jwcrypto.jwk (the verification
                                        key: public JWK, or the oct JWK for HS*) and, for RSA and EC,
                                        ALG.jwcrypto.pem (public SPKI PEM), for every alg
    jwcrypto_interop.py verify DIR      verifies every ALG.tessera.token with ALG.tessera.jwk (and
                                        ALG.tessera.pem when present); prints "ok ALG" per token
Exit status 0 when everything worked; otherwise the failures are printed on stderr.
"""
import json
import os
import sys

from jwcrypto import jwk, jws

ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512", "EdDSA"]


def new_key(alg):
    if alg.startswith("HS"):
        return jwk.JWK.generate(kty="oct", size=int(alg[2:]))
    if alg[:2] in ("RS", "PS"):
        return jwk.JWK.generate(kty="RSA", size=2048)
    if alg.startswith("ES"):
        curve = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}[alg]
        return jwk.JWK.generate(kty="EC", crv=curve)
    return jwk.JWK.generate(kty="OKP", crv="Ed25519")


def make(directory, now):
    for alg in ALGS:
        key = new_key(alg)
        kid = key.thumbprint()
        claims = {"sub": "jwcrypto", "iss": "interop", "alg-under-test": alg, "iat": now, "exp": now + 3600}
        token = jws.JWS(json.dumps(claims).encode())
        token.add_signature(key, None, json.dumps({"alg": alg, "kid": kid, "typ": "JWT"}))
        base = os.path.join(directory, alg + ".jwcrypto")
        with open(base + ".token", "w") as f:
            f.write(token.serialize(compact=True))
        with open(base + ".jwk", "w") as f:
            f.write(key.export() if alg.startswith("HS") else key.export_public())
        if alg[:2] in ("RS", "PS", "ES"):
            with open(base + ".pem", "wb") as f:
                f.write(key.export_to_pem(private_key=False, password=None))


def verify(directory):
    failures = []
    for alg in ALGS:
        base = os.path.join(directory, alg + ".tessera")
        if not os.path.exists(base + ".token"):
            failures.append("%s: no token from Tessera" % alg)
            continue
        with open(base + ".token") as f:
            token = f.read().strip()
        key_files = [base + ".jwk"] + ([base + ".pem"] if os.path.exists(base + ".pem") else [])
        for key_file in key_files:
            try:
                with open(key_file, "rb") as f:
                    data = f.read()
                key = jwk.JWK.from_pem(data) if key_file.endswith(".pem") else jwk.JWK.from_json(data)
                check = jws.JWS()
                check.deserialize(token)
                check.verify(key, alg=alg)
                claims = json.loads(check.payload)
                if claims.get("sub") != "tessera" or claims.get("alg-under-test") != alg:
                    raise ValueError("unexpected claims %r" % claims)
                if check.jose_header.get("alg") != alg:
                    raise ValueError("header alg %r" % check.jose_header.get("alg"))
            except Exception as error:  # report every failure, not just the first
                failures.append("%s with %s: %s: %s" % (alg, os.path.basename(key_file), type(error).__name__, error))
                continue
            print("ok %s %s" % (alg, os.path.basename(key_file)))
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
        return 0
    if len(sys.argv) >= 3 and sys.argv[1] == "verify":
        return verify(sys.argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
