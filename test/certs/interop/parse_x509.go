// An independent parser for the certificate interoperability test (issue 10, item 18):
// parses each PEM file named on the command line with Go's crypto/x509 — certificates with
// ParseCertificate, "X509 CRL" blocks with ParseRevocationList — and prints one line per
// object: "ok <file> <subject or issuer> eku=<...> uris=<...>". Exits 1 on the first failure.
package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"strings"
)

func main() {
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err != nil {
			fail(path, err)
		}
		block, _ := pem.Decode(data)
		if block == nil {
			fail(path, fmt.Errorf("no PEM block"))
		}
		switch block.Type {
		case "CERTIFICATE":
			cert, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				fail(path, err)
			}
			uris := []string{}
			for _, u := range cert.URIs {
				uris = append(uris, u.String())
			}
			ekus := []string{}
			for _, e := range cert.UnknownExtKeyUsage {
				ekus = append(ekus, e.String())
			}
			fmt.Printf("ok %s %s known-eku=%d eku=%s uris=%s\n", path, cert.Subject.CommonName, len(cert.ExtKeyUsage),
				strings.Join(ekus, ","), strings.Join(uris, ","))
		case "X509 CRL":
			crl, err := x509.ParseRevocationList(block.Bytes)
			if err != nil {
				fail(path, err)
			}
			fmt.Printf("ok %s %s revoked=%d number=%s\n", path, crl.Issuer.CommonName, len(crl.RevokedCertificates), crl.Number.String())
		default:
			fail(path, fmt.Errorf("unexpected PEM block %q", block.Type))
		}
	}
}

func fail(path string, err error) {
	fmt.Printf("FAIL %s %v\n", path, err)
	os.Exit(1)
}
