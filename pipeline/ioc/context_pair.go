package ioc

// The context rules for name/value pairs: the name that stands for a value's
// key ({"name":…,"value":…}, attributes, elements, arrays).

// pairNameAt reports whether the name t[start:end] is the whole name of a
// name/value pair, the key its value is read by (OpenTelemetry's
// {"key":"service.name","value":{…}}, Jaeger's tags, a HAR header's
// {"name":"Host","value":…}): a string under a pair's name key
// (pairNameKey) in an object that holds a value key (pairValueKey). An
// object naming a thing has no value member ({"name":"evil.com",
// "type":"A"}), and a record's value one level down (Route 53's
// "ResourceRecords":[{"Value":…}]) is another object's.
func pairNameAt(t []byte, start, end int) bool {
	if end < len(t) && t[end] == '/' {
		e := end + 1 // a label's key with its prefix: GCP billing's {"key":"compute.googleapis.com/machine_spec","value":…}
		for e < len(t) && e-end < maxKeyLook && isKeyByte(t[e]) {
			e++
		}
		if e > end+1 {
			end = e
		}
	}
	if start == 0 || t[start-1] != '"' || end >= len(t) || t[end] != '"' {
		return false
	}
	ks, ke, sep := fieldKey(t, start)
	if !sep || ks == ke || !pairNameKey(t[ks:ke]) {
		return false
	}
	open, ok := objectOpen(t, ks)
	return ok && objectHoldsKey(t, open, pairValueKey)
}

// objectHoldsKey reports whether the JSON object opening at t[open] has a
// member of its own (not a nested one) whose key is wanted, reading at
// most pairReach bytes of it.
func objectHoldsKey(t []byte, open int, wanted func(key []byte) bool) bool {
	depth := 0
	for p := open + 1; p < len(t) && p-open < pairReach; p++ {
		switch t[p] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return false // the object's end
			}
			depth--
		case '"':
			q := p + 1
			for q < len(t) && t[q] != '"' {
				if t[q] == '\\' {
					q++
				}
				q++
			}
			if q >= len(t) {
				return false
			}
			if k := spacesFrom(t, q+1); depth == 0 && k < len(t) && t[k] == ':' && wanted(t[p+1:q]) {
				return true
			}
			p = q
		}
	}
	return false
}

// pairReach bounds how far objectHoldsKey reads an object.
const pairReach = 2048

// pairName finds the name of a name/value pair, as Google Workspace and
// other APIs write parameters ({"name":"OS_VERSION","value":"14.2.1.0"},
// {"Key":"build_version","Value":…}; see pairNameKey):
// given the start of the "value" key at t[ks], it returns the value of
// the "name" key just before it, as t[ns:ne].
func pairName(t []byte, ks int) (ns, ne int, ok bool) {
	if ns, ne, ok := adjacentPairName(t, ks); ok {
		return ns, ne, true
	}
	if ns, ne, ok := attributePairName(t, ks); ok {
		return ns, ne, true
	}
	if ns, ne, ok := elementPairName(t, ks); ok {
		return ns, ne, true
	}
	if ns, ne, ok := parentNameAttribute(t, ks); ok {
		return ns, ne, true
	}
	return pairMember(t, ks)
}

// parentNameAttribute is pairName for a value element whose parent
// element carries the name as its Name attribute (TestStand's <Prop
// Name='EngineVersion' Type='String'><Value>23.5.0.119</Value></Prop>):
// ks is the value element's name.
func parentNameAttribute(t []byte, ks int) (ns, ne int, ok bool) {
	lt, gt, ok := xmlParentTag(t, ks)
	if !ok {
		return 0, 0, false
	}
	ns, ne, ok = xmlKey(t, gt)
	if !ok || ns <= lt+1 { // xmlKey gave the element's name: no Name attribute
		return 0, 0, false
	}
	return ns, ne, true
}

// elementPairName is pairName for a pair written as XML elements, the
// name's element right before the value's (TR-069's
// <Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name><Value
// xsi:type="xsd:string">3.0.1.0</Value>): ks is the value element's tag.
func elementPairName(t []byte, ks int) (ns, ne int, ok bool) {
	j := ks - 1
	if j < 1 || t[j] != '<' {
		return 0, 0, false
	}
	for j > 0 && (t[j-1] == ' ' || t[j-1] == '\t' || t[j-1] == '\n' || t[j-1] == '\r') {
		j--
	}
	if j < 4 || t[j-1] != '>' {
		return 0, 0, false
	}
	c := j - 1 // the '>' of the closing tag </Name>
	o := c
	for o > 0 && c-o < maxKeyLook && t[o-1] != '<' {
		o--
	}
	if o == 0 || o+1 >= c || t[o] != '/' || !pairNameKey(t[o+1:c]) {
		return 0, 0, false
	}
	ne = o - 1 // the text ends at the closing tag's '<'
	ns = ne
	for ns > 0 && ne-ns < 2*maxKeyLook && t[ns-1] != '>' && t[ns-1] != '<' {
		ns--
	}
	if ns == 0 || t[ns-1] != '>' || ns == ne {
		return 0, 0, false
	}
	return ns, ne, true
}

// attributePairName is pairName for a pair written as attributes, the
// name's quoted value and a space before the value's key (TeamCity's
// service messages: ##teamcity[setParameter name='env.GIT_COMMIT'
// value='<hex>'], an XML element's <param name="x" value="y"/>; and a
// type's right before the value, DICOM audit's <ParticipantObjectDetail
// type="Version" value="…"/>). The name may stand before other attributes
// and the quotes be escaped in JSON text (Blue Prism's AttributeXml,
// <input name=\"Client Version\" type=\"text\" value=\"7.2.1.0\" />).
func attributePairName(t []byte, ks int) (ns, ne int, ok bool) {
	typed := false
	var ts, te int
	j := ks
	for n := 0; n < 8; n++ { // the element's attributes before the value's, back to its name
		k := j
		for k > 0 && t[k-1] == ' ' {
			k--
		}
		if k == j || k == 0 || t[k-1] != '\'' && t[k-1] != '"' {
			break
		}
		q := t[k-1]
		ae := k - 1                      // the attribute's value ends here
		esc := ae > 0 && t[ae-1] == '\\' // quotes escaped in JSON text: name=\"Client Version\"
		if esc {
			ae--
		}
		as := ae
		for as > 0 && ae-as < maxKeyLook && t[as-1] != q && t[as-1] != '=' {
			as-- // a name of words too: Addigy's fact="Last Logged In User" value="r.green"
		}
		o := as - 1 // its opening quote
		if o < 1 || as == ae || t[o] != q || esc && t[o-1] != '\\' {
			break
		}
		if esc {
			o--
		}
		if o < 1 || t[o-1] != '=' {
			break
		}
		kk := o - 1
		for kk > 0 && isKeyByte(t[kk-1]) {
			kk--
		}
		switch key := t[kk : o-1]; {
		case pairNameKey(key):
			return as, ae, true
		case keyIs(key, "type") && !typed && n == 0:
			typed, ts, te = true, as, ae // the type right before the value names it, unless a name does
		}
		j = kk
	}
	return ts, te, typed
}

// pairValueKey reports whether key holds the value of a name/value pair:
// "value", or the new and old values of a change (Office 365's NewValue
// and OldValue, Jira's changedTo and toString, Genesys Cloud's arrays of
// oldValues and newValues). JumpCloud's
// {"field":…,"from":…,"to":…} is changeField's.
func pairValueKey(key []byte) bool {
	for len(key) > 1 && key[0] == '_' {
		key = key[1:] // MISMO's _Value
	}
	var buf [16]byte
	w, ok := foldKey(&buf, key) // new_value, old-value: the words without their separator
	if !ok {
		return false
	}
	switch string(w) {
	case "value", "newvalue", "oldvalue", "changedto", "changedfrom", "tostring", "fromstring",
		"defaultvalue", "currentvalue", "initialvalue", // a form field's: Acrobat Sign's {"fieldName":…,"defaultValue":…}
		"parametervalue",         // a template's parameter: AWS Config's {"ParameterName":"TemplateVersion","ParameterValue":…}
		"newvalues", "oldvalues": // arrays of them: Genesys Cloud's propertyChanges
		return true
	}
	return typedValueKey(key) // a pair's typed value: Crashlytics' {"key":"plugin_sha256","string_value":…}
}

// unwrapValue returns the key a value's wrapper stands for: for a member
// keyed by the wrapper's type (OpenTelemetry's AnyValue,
// {"stringValue":"d.black"}), the key of the object that wraps it (the
// pair's "value", whose name the caller reads then); for the "values" of
// a keyed object, that object's key (Cybereason's
// "fileVersion":{"totalValues":1,"values":["3.11.4.0"]}); any other key as
// it is, as t[ks:ke].
func unwrapValue(t []byte, ks, ke int) (int, int) {
	switch {
	case avroBranchKey(t, ks, ke):
		// Avro's JSON encoding of a union: the branch's type is the one
		// member of an object the field holds (Heap's export,
		// "app_version":{"string":"5.3.0.203"})
		if oks, oke, sep := fieldKey(t, ks-2); sep && oks < oke {
			return oks, oke
		}
	case typedValueKey(t[ks:ke]):
		// Only a keyed object's, as for "values" below: an array's element
		// with a typed value is the pair itself (Crashlytics' custom_keys
		// [{"key":"il2cpp_sha1","string_value":…}], read by its name).
		if oks, oke, ok := keyedObjectKey(t, ks); ok {
			return oks, oke
		}
	case keyIs(t[ks:ke], "values"):
		// Only a keyed object's: an array's element object with its own
		// name ({"name":"x","values":[…]}) is a pair, not a wrapper.
		if oks, oke, ok := keyedObjectKey(t, ks); ok {
			return oks, oke
		}
	}
	return ks, ke
}

// avroBranchKey reports whether the key t[ks:ke] is an Avro union's
// branch, a primitive type's name as the first member of an object
// ({"string":…}, {"long":…}), or a DynamoDB attribute value's type
// descriptor ({"S":…}, Streams' NewImage).
func avroBranchKey(t []byte, ks, ke int) bool {
	if ks < 2 || t[ks-1] != '"' || t[ks-2] != '{' {
		return false
	}
	switch string(t[ks:ke]) {
	case "string", "bytes", "long", "int", "double", "float", "boolean",
		"S", "N", "B", "SS", "NS", "BS": // DynamoDB's attribute values: "userId":{"S":"t.bond"}
		return true
	}
	return false
}

// typedValueKey reports whether key names a value's type, not its meaning:
// OpenTelemetry's stringValue, intValue, doubleValue, boolValue and
// bytesValue (string_value… as protobuf's own names).
func typedValueKey(key []byte) bool {
	if len(key) < 8 || lower(key[len(key)-1]) != 'e' {
		return false
	}
	var buf [16]byte
	w, ok := foldKey(&buf, key)
	if !ok {
		return false
	}
	switch string(w) {
	case "stringvalue", "intvalue", "doublevalue", "boolvalue", "bytesvalue":
		return true
	}
	return false
}

// changeField is the field a change's "from" or "to" whose key starts at
// t[ks] belongs to: the object's "field" or "fieldName" before it
// (JumpCloud's {"field":"agentVersion","from":…,"to":…}), or its "key"
// (Jira's audit {"from":"","key":"Version","to":"2.4.1.7"}); a mail's from
// and to, or a build's {"name":…,"from":…}, have none.
func changeField(t []byte, ks int) (fs, fe int, ok bool) {
	open, ok := objectOpen(t, ks)
	if !ok {
		return 0, 0, false
	}
	return stringMember(t, open, ks, func(key []byte) bool { return keyIs(key, "field") || keyIs(key, "fieldname") || keyIs(key, "key") })
}

// pairMember finds the name of a name/value pair when other members stand
// between it and the value whose key starts at t[ks] (Jira's
// {"fieldName":"Version","changedFrom":"","changedTo":"2.4.1.7"}): the
// string value of the object's first member keyed name, fieldName, field
// or propertyName. A JSON object's members have no order, so the name may
// come after the value too (a Postman environment's
// {"type":"secret","value":"<hex>","key":"apiKey"}).
func pairMember(t []byte, ks int) (ns, ne int, ok bool) {
	open, ok := objectOpen(t, ks)
	if !ok {
		return 0, 0, false
	}
	if ns, ne, ok := stringMember(t, open, ks, pairNameKey); ok {
		return ns, ne, true
	}
	if after, ok := stringValueEnd(t, ks); ok {
		return stringMember(t, after, min(len(t), after+pairReach), pairNameKey)
	}
	return 0, 0, false
}

// stringValueEnd returns where the string value of the member whose key
// starts at t[ks] closes (its closing quote), when the value is a string
// in plain or escaped quotes.
func stringValueEnd(t []byte, ks int) (int, bool) {
	p := ks
	for p < len(t) && p-ks < maxKeyLook && t[p] != ':' {
		p++
	}
	for p++; p < len(t) && (t[p] == ' ' || t[p] == '\\'); p++ {
	}
	if p >= len(t) || t[p] != '"' {
		return 0, false
	}
	for q := p + 1; q < len(t) && q-p < pairReach; q++ {
		switch t[q] {
		case '"':
			if t[q-1] == '\\' {
				return q - 1, true // the escaped quote's backslash
			}
			return q, true
		case '}', '{', '[', ']':
			return 0, false
		}
	}
	return 0, false
}

// stringMember returns the string value, as t[vs:ve], of the first member
// of the JSON object opening at t[open] whose key is wanted, reading no
// further than limit or the object's end; nested members and values that
// are no string are passed over.
func stringMember(t []byte, open, limit int, wanted func(key []byte) bool) (vs, ve int, ok bool) {
	depth := 0
	for p := open + 1; p < limit; p++ {
		switch t[p] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return 0, 0, false // the object's end
			}
			depth--
		case ':':
			vs := p + 1
			for vs < limit && (t[vs] == ' ' || t[vs] == '"' || t[vs] == '\\') {
				vs++
			}
			if depth != 0 || vs == p+1 || t[vs-1] != '"' {
				continue // a nested member, or a value that is no string
			}
			nks, nke, sep := fieldKey(t, vs)
			if !sep || !wanted(t[nks:nke]) {
				continue
			}
			ve := vs
			for ve < limit && t[ve] != '"' && t[ve] != '\\' {
				ve++
			}
			return vs, ve, ve > vs
		}
	}
	return 0, 0, false
}

// pairNameKey reports whether key names the pair's name: "name" and its
// variants, "key" (AWS tags' {"Key":…,"Value":…}, malware configuration
// extractors' {"key":"build_version","value":…}), or "title" (Slack's
// attachment fields: {"title":"User","value":…}), or "property" (Genesys
// Cloud's propertyChanges).
func pairNameKey(key []byte) bool {
	for len(key) > 1 && key[0] == '_' {
		key = key[1:] // MISMO's <KEY _Name="LOS_Version" _Value="23.2.0.8"/>
	}
	return keyIs(key, "name") || keyIs(key, "@name") || keyIs(key, "key") || keyIs(key, "title") || keyIs(key, "fieldname") ||
		keyIs(key, "field") || keyIs(key, "propertyname") || keyIs(key, "displayname") || keyIs(key, "fact") || keyIs(key, "logicalname") ||
		keyIs(key, "path") || // SCIM's and JSON Patch's {"op":"replace","path":"userName","value":…}
		keyIs(key, "property") || // Genesys Cloud's {"property":"firmwareVersion","oldValues":[…],"newValues":[…]}
		keyIs(key, "contextname") || // Unleash's constraint {"contextName":"userId","operator":"IN","values":[…]}
		keyIs(key, "parametername") || keyIs(key, "parameterkey") // CloudFormation's and AWS Config's {"ParameterName":…,"ParameterValue":…}
}

// arrayPairName returns the name of a pair written as a two-element array
// whose value starts at t[start] (Thinkst Canary's ["User","j.weber"]).
func arrayPairName(t []byte, start int) (ns, ne int, ok bool) {
	if start < 5 || t[start-1] != '"' || t[start-2] != ',' || t[start-3] != '"' {
		return 0, 0, false
	}
	ne = start - 3
	ns = ne
	for ns > 0 && ne-ns < maxKeyLook && isKeyByte(t[ns-1]) {
		ns--
	}
	if ns < 2 || ns == ne || t[ns-1] != '"' || t[ns-2] != '[' {
		return 0, 0, false
	}
	return ns, ne, true
}

// prefPairName returns the name of a Mozilla preference whose quoted
// value starts at t[start], as prefs.js and autoconfig files write them:
// user_pref("name", "value"), pref(…), lockPref(…), defaultPref(…).
func prefPairName(t []byte, start int) (ns, ne int, ok bool) {
	j := start - 1
	if j < 6 || t[j] != '"' {
		return 0, 0, false
	}
	j = endOfWordBefore(t, j)
	if j < 5 || t[j-1] != ',' || t[j-2] != '"' {
		return 0, 0, false
	}
	ne = j - 2
	ns = ne
	for ns > 0 && ne-ns < 2*maxKeyLook && t[ns-1] != '"' {
		ns--
	}
	if ns < 2 || ns == ne || !prefCallAt(t, ns-1) {
		return 0, 0, false
	}
	return ns, ne, true
}

// prefCallAt reports whether t[q] is the quote opening the first argument
// of a Mozilla preference call: "(" right before it, and a call whose name
// ends in "pref" (user_pref, lockPref, defaultPref, sticky_pref).
func prefCallAt(t []byte, q int) bool {
	if q < 5 || t[q] != '"' || t[q-1] != '(' {
		return false
	}
	return equalFold(t[q-5:q-1], "pref")
}

// adjacentPairName is pairName for a name right before the value.
func adjacentPairName(t []byte, ks int) (ns, ne int, ok bool) {
	j := ks
	if j > 0 && t[j-1] == '"' {
		j--
		if j > 0 && t[j-1] == '"' { // ""value"" in a CSV field
			j--
		}
	}
	for j > 0 && t[j-1] == ' ' {
		j--
	}
	if j == 0 || t[j-1] != ',' {
		return 0, 0, false
	}
	j--
	for j > 0 && t[j-1] == ' ' {
		j--
	}
	if j == 0 || t[j-1] != '"' {
		return 0, 0, false
	}
	if j > 1 && t[j-2] == '"' {
		j--
	}
	ne = j - 1
	ns = ne
	for ns > 0 && ne-ns < maxKeyLook && t[ns-1] != '"' {
		ns--
	}
	if ns == 0 || t[ns-1] != '"' || ns == ne {
		return 0, 0, false
	}
	nks, nke, sep := fieldKey(t, ns)
	if !sep || !pairNameKey(t[nks:nke]) {
		return 0, 0, false
	}
	return ns, ne, true
}

// keyedObjectKey returns the key of the JSON object that holds the member
// whose key starts at t[ks], when a key names that object (not when it is
// an array's element: {"name":…,"value":…} there is a pair).
func keyedObjectKey(t []byte, ks int) (oks, oke int, ok bool) {
	open, ok := objectOpen(t, ks)
	if !ok {
		return 0, 0, false
	}
	oks, oke, sep := fieldKey(t, open)
	return oks, oke, sep && oks < oke
}
