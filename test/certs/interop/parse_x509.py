"""An independent parser for the certificate interoperability test (issue 10, item 18).

Parses each PEM file named on the command line with python3-cryptography (Debian's package):
certificates and their every extension, CRLs with their extensions and each entry's
extensions, and prints "ok <file> ..." per object. Exits 1 on the first failure. The
extensions are parsed lazily by the library, so each one is touched explicitly.
"""
import sys

from cryptography import x509


def main(paths):
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            if b"-----BEGIN X509 CRL-----" in data:
                crl = x509.load_pem_x509_crl(data)
                names = [ext.oid.dotted_string for ext in crl.extensions]
                revoked = 0
                for entry in crl:
                    names.extend(ext.oid.dotted_string for ext in entry.extensions)
                    revoked += 1
                print("ok", path, "crl", "revoked=%d" % revoked, ",".join(names))
            else:
                cert = x509.load_pem_x509_certificate(data)
                names = []
                for ext in cert.extensions:
                    names.append(ext.oid.dotted_string)
                    if isinstance(ext.value, x509.ExtendedKeyUsage):
                        names.extend("eku:" + oid.dotted_string for oid in ext.value)
                    if isinstance(ext.value, x509.SubjectAlternativeName):
                        names.extend("uri:" + uri for uri in ext.value.get_values_for_type(x509.UniformResourceIdentifier))
                print("ok", path, cert.subject.rfc4514_string(), ",".join(names))
        except Exception as err:  # any parse error is the finding
            print("FAIL", path, repr(err))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
