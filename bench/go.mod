module github.com/sluicego/sluice/bench

go 1.26.0

replace github.com/sluicego/sluice => ../

require (
	github.com/jjeffcaii/reactor-go v0.5.5
	github.com/reactivex/rxgo/v2 v2.5.0
	github.com/rsocket/rsocket-go v0.8.12
	github.com/samber/lo v1.52.0
	github.com/samber/ro v0.3.0
	github.com/sluicego/sluice v0.0.0-00010101000000-000000000000
	github.com/stretchr/testify v1.12.1
	go.uber.org/goleak v1.3.0
)

require (
	github.com/cenkalti/backoff/v4 v4.0.0 // indirect
	github.com/emirpasic/gods v1.12.0 // indirect
	github.com/google/uuid v1.1.2 // indirect
	github.com/gorilla/websocket v1.4.2 // indirect
	github.com/panjf2000/ants/v2 v2.5.0 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	github.com/stretchr/objx v0.5.3 // indirect
	github.com/teivah/onecontext v0.0.0-20200513185103-40f981bfd775 // indirect
	go.uber.org/atomic v1.7.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/exp v0.0.0-20220303212507-bbda1eaf7a17 // indirect
	golang.org/x/text v0.22.0 // indirect
)
