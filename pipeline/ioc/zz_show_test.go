package ioc

import (
	"bufio"
	"fmt"
	"os"
	"testing"
)

func TestZZShow(t *testing.T) {
	f, err := os.Open("/tmp/zzlines.txt")
	if err != nil {
		t.Skip()
	}
	sf, _ := os.Open("/tmp/heldout3/skip-list.txt")
	sl, _ := LoadSkipList(sf, "skip")
	e := NewExtractor(Config{SkipList: sl})
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		fmt.Println("LINE:", s.Text()[:min(100, len(s.Text()))])
		e.Scan(s.Bytes(), func(m *Match) {
			fmt.Printf("   %v %s %q [%d:%d] %q\n", m.Type, m.Value, m.Reason, m.Start, m.End, s.Bytes()[m.Start:m.End])
		})
	}
}
