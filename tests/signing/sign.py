"""Signs one empty signature field of a PDF with pyHanko, as a signing
service does: PAdES (ETSI.CAdES.detached), an incremental update holding the
signature and nothing else.

usage: python3 sign.py IN.pdf OUT.pdf FIELD KEY.pem CERT.pem

Two choices keep the signed file what it was, PDF/A-2a and PDF/UA-1:
- the field keeps the appearance the protocol gave it (NoOpStampStyle):
  pyHanko's own stamps use a font it does not embed (Courier), or embeds
  with widths the validators reject;
- the document's metadata is left alone: pyHanko otherwise rewrites the
  XMP in a form of its own (attributes, rdf:resource for the extension
  schemas' namespaceURI) that the PDF/A validators read as broken. The
  signing services' PAdES libraries append the signature without touching it.
"""

import sys

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp.noop import NoOpStampStyle


class SignatureOnly(IncrementalPdfFileWriter):
    def _update_meta(self):
        pass


def main():
    source, target, field, key, cert = sys.argv[1:6]
    signer = signers.SimpleSigner.load(key, cert)
    metadata = signers.PdfSignatureMetadata(
        field_name=field, subfilter=SigSeedSubFilter.PADES
    )
    pdf_signer = signers.PdfSigner(
        metadata, signer=signer, stamp_style=NoOpStampStyle()
    )
    with open(source, "rb") as unsigned, open(target, "wb") as signed:
        pdf_signer.sign_pdf(
            SignatureOnly(unsigned), output=signed, existing_fields_only=True
        )


if __name__ == "__main__":
    main()
