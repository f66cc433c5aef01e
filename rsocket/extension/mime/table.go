package mime

// The well-known MIME types of the RSocket extension spec (ids 0x00–0x2A and
// 0x7A–0x7F). 0x2B–0x79 are reserved.
const (
	// ApplicationAvro is application/avro.
	ApplicationAvro ID = 0x00
	// ApplicationCBOR is application/cbor.
	ApplicationCBOR ID = 0x01
	// ApplicationGraphQL is application/graphql.
	ApplicationGraphQL ID = 0x02
	// ApplicationGzip is application/gzip.
	ApplicationGzip ID = 0x03
	// ApplicationJavascript is application/javascript.
	ApplicationJavascript ID = 0x04
	// ApplicationJSON is application/json.
	ApplicationJSON ID = 0x05
	// ApplicationOctetStream is application/octet-stream.
	ApplicationOctetStream ID = 0x06
	// ApplicationPDF is application/pdf.
	ApplicationPDF ID = 0x07
	// ApplicationThrift is application/vnd.apache.thrift.binary.
	ApplicationThrift ID = 0x08
	// ApplicationProtobuf is application/vnd.google.protobuf.
	ApplicationProtobuf ID = 0x09
	// ApplicationXML is application/xml.
	ApplicationXML ID = 0x0A
	// ApplicationZip is application/zip.
	ApplicationZip ID = 0x0B
	// AudioAAC is audio/aac.
	AudioAAC ID = 0x0C
	// AudioMP3 is audio/mp3.
	AudioMP3 ID = 0x0D
	// AudioMP4 is audio/mp4.
	AudioMP4 ID = 0x0E
	// AudioMPEG3 is audio/mpeg3.
	AudioMPEG3 ID = 0x0F
	// AudioMPEG is audio/mpeg.
	AudioMPEG ID = 0x10
	// AudioOGG is audio/ogg.
	AudioOGG ID = 0x11
	// AudioOpus is audio/opus.
	AudioOpus ID = 0x12
	// AudioVorbis is audio/vorbis.
	AudioVorbis ID = 0x13
	// ImageBMP is image/bmp.
	ImageBMP ID = 0x14
	// ImageGIF is image/gif.
	ImageGIF ID = 0x15
	// ImageHEICSequence is image/heic-sequence.
	ImageHEICSequence ID = 0x16
	// ImageHEIC is image/heic.
	ImageHEIC ID = 0x17
	// ImageHEIFSequence is image/heif-sequence.
	ImageHEIFSequence ID = 0x18
	// ImageHEIF is image/heif.
	ImageHEIF ID = 0x19
	// ImageJPEG is image/jpeg.
	ImageJPEG ID = 0x1A
	// ImagePNG is image/png.
	ImagePNG ID = 0x1B
	// ImageTIFF is image/tiff.
	ImageTIFF ID = 0x1C
	// MultipartMixed is multipart/mixed.
	MultipartMixed ID = 0x1D
	// TextCSS is text/css.
	TextCSS ID = 0x1E
	// TextCSV is text/csv.
	TextCSV ID = 0x1F
	// TextHTML is text/html.
	TextHTML ID = 0x20
	// TextPlain is text/plain.
	TextPlain ID = 0x21
	// TextXML is text/xml.
	TextXML ID = 0x22
	// VideoH264 is video/H264.
	VideoH264 ID = 0x23
	// VideoH265 is video/H265.
	VideoH265 ID = 0x24
	// VideoVP8 is video/VP8.
	VideoVP8 ID = 0x25
	// ApplicationHessian is application/x-hessian.
	ApplicationHessian ID = 0x26
	// ApplicationJavaObject is application/x-java-object.
	ApplicationJavaObject ID = 0x27
	// ApplicationCloudEventsJSON is application/cloudevents+json.
	ApplicationCloudEventsJSON ID = 0x28
	// ApplicationCapnProto is application/x-capnp.
	ApplicationCapnProto ID = 0x29
	// ApplicationFlatBuffers is application/x-flatbuffers.
	ApplicationFlatBuffers ID = 0x2A
	// MessageMIMEType is message/x.rsocket.mime-type.v0.
	MessageMIMEType ID = 0x7A
	// MessageAcceptMIMETypes is message/x.rsocket.accept-mime-types.v0.
	MessageAcceptMIMETypes ID = 0x7B
	// MessageAuthentication is message/x.rsocket.authentication.v0.
	MessageAuthentication ID = 0x7C
	// MessageZipkin is message/x.rsocket.tracing-zipkin.v0.
	MessageZipkin ID = 0x7D
	// MessageRouting is message/x.rsocket.routing.v0.
	MessageRouting ID = 0x7E
	// MessageCompositeMetadata is message/x.rsocket.composite-metadata.v0.
	MessageCompositeMetadata ID = 0x7F
)

var names = [MaxID + 1]string{
	ApplicationAvro:            "application/avro",
	ApplicationCBOR:            "application/cbor",
	ApplicationGraphQL:         "application/graphql",
	ApplicationGzip:            "application/gzip",
	ApplicationJavascript:      "application/javascript",
	ApplicationJSON:            "application/json",
	ApplicationOctetStream:     "application/octet-stream",
	ApplicationPDF:             "application/pdf",
	ApplicationThrift:          "application/vnd.apache.thrift.binary",
	ApplicationProtobuf:        "application/vnd.google.protobuf",
	ApplicationXML:             "application/xml",
	ApplicationZip:             "application/zip",
	AudioAAC:                   "audio/aac",
	AudioMP3:                   "audio/mp3",
	AudioMP4:                   "audio/mp4",
	AudioMPEG3:                 "audio/mpeg3",
	AudioMPEG:                  "audio/mpeg",
	AudioOGG:                   "audio/ogg",
	AudioOpus:                  "audio/opus",
	AudioVorbis:                "audio/vorbis",
	ImageBMP:                   "image/bmp",
	ImageGIF:                   "image/gif",
	ImageHEICSequence:          "image/heic-sequence",
	ImageHEIC:                  "image/heic",
	ImageHEIFSequence:          "image/heif-sequence",
	ImageHEIF:                  "image/heif",
	ImageJPEG:                  "image/jpeg",
	ImagePNG:                   "image/png",
	ImageTIFF:                  "image/tiff",
	MultipartMixed:             "multipart/mixed",
	TextCSS:                    "text/css",
	TextCSV:                    "text/csv",
	TextHTML:                   "text/html",
	TextPlain:                  "text/plain",
	TextXML:                    "text/xml",
	VideoH264:                  "video/H264",
	VideoH265:                  "video/H265",
	VideoVP8:                   "video/VP8",
	ApplicationHessian:         "application/x-hessian",
	ApplicationJavaObject:      "application/x-java-object",
	ApplicationCloudEventsJSON: "application/cloudevents+json",
	ApplicationCapnProto:       "application/x-capnp",
	ApplicationFlatBuffers:     "application/x-flatbuffers",
	MessageMIMEType:            "message/x.rsocket.mime-type.v0",
	MessageAcceptMIMETypes:     "message/x.rsocket.accept-mime-types.v0",
	MessageAuthentication:      "message/x.rsocket.authentication.v0",
	MessageZipkin:              "message/x.rsocket.tracing-zipkin.v0",
	MessageRouting:             "message/x.rsocket.routing.v0",
	MessageCompositeMetadata:   "message/x.rsocket.composite-metadata.v0",
}
