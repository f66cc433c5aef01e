// Package internal holds the machinery that every sluice publisher and
// operator shares: demand arithmetic, work-in-progress drain loops, lock-free
// queues and signal serializers. It lives in sub-packages; this file only
// documents the tree.
package internal
