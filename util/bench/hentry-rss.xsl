<?xml version="1.0" encoding="UTF-8"?>
<!--
  The h-entry posts of an XHTML page as an RSS 2.0 feed, for nginx's xslt
  filter: the comparison point of the feed endpoint in util/bench.sh.

  It makes the same feed as `feed rss` does for the benchmark's journal
  page: the 20 newest h-entry elements (by dt-published), each with its
  p-name, its u-url made absolute, its e-content as escaped HTML (or
  p-summary when it has no e-content), its p-author and an RFC 822
  pubDate.  Microformats class names are matched as whitespace-separated
  tokens, as the microformats2 parsing rules do (after a cheap contains()
  test that rules out most elements).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="h">

  <xsl:output method="xml" encoding="UTF-8" indent="no"
              media-type="application/rss+xml"/>

  <xsl:param name="base" select="'https://www.example.com'"/>
  <xsl:param name="max" select="20"/>

  <xsl:template match="/">
    <rss version="2.0">
      <channel>
        <title><xsl:value-of select="normalize-space(//h:head/h:title)"/></title>
        <link><xsl:value-of select="concat($base, '/journal/')"/></link>
        <description>
          <xsl:value-of
              select="//h:head/h:meta[@name = 'description']/@content"/>
        </description>
        <generator>nginx xslt filter</generator>
        <xsl:for-each select="//*[contains(@class, 'h-entry') and contains(concat(' ', normalize-space(@class), ' '), ' h-entry ')]">
          <xsl:sort order="descending" select="(.//*[contains(@class, 'dt-published') and contains(concat(' ', normalize-space(@class), ' '), ' dt-published ')])[1]/@datetime"/>
          <xsl:if test="position() &lt;= $max">
            <xsl:call-template name="item"/>
          </xsl:if>
        </xsl:for-each>
      </channel>
    </rss>
  </xsl:template>

  <xsl:template name="item">
    <xsl:variable name="name" select="(.//*[contains(@class, 'p-name') and contains(concat(' ', normalize-space(@class), ' '), ' p-name ')])[1]"/>
    <xsl:variable name="url" select="(.//*[contains(@class, 'u-url') and contains(concat(' ', normalize-space(@class), ' '), ' u-url ')])[1]/@href"/>
    <xsl:variable name="content" select="(.//*[contains(@class, 'e-content') and contains(concat(' ', normalize-space(@class), ' '), ' e-content ')])[1]"/>
    <xsl:variable name="summary" select="(.//*[contains(@class, 'p-summary') and contains(concat(' ', normalize-space(@class), ' '), ' p-summary ')])[1]"/>
    <xsl:variable name="author" select="(.//*[contains(@class, 'p-author') and contains(concat(' ', normalize-space(@class), ' '), ' p-author ')])[1]"/>
    <xsl:variable name="date" select="(.//*[contains(@class, 'dt-published') and contains(concat(' ', normalize-space(@class), ' '), ' dt-published ')])[1]/@datetime"/>
    <xsl:variable name="link">
      <xsl:choose>
        <xsl:when test="starts-with($url, 'http://') or starts-with($url, 'https://')">
          <xsl:value-of select="$url"/>
        </xsl:when>
        <xsl:when test="starts-with($url, '/')">
          <xsl:value-of select="concat($base, $url)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat($base, '/journal/', $url)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <item>
      <title><xsl:value-of select="normalize-space($name)"/></title>
      <link><xsl:value-of select="$link"/></link>
      <description>
        <xsl:choose>
          <xsl:when test="$content">
            <xsl:apply-templates select="$content/node()" mode="html"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="normalize-space($summary)"/>
          </xsl:otherwise>
        </xsl:choose>
      </description>
      <xsl:if test="$author">
        <dc:creator><xsl:value-of select="normalize-space($author)"/></dc:creator>
      </xsl:if>
      <guid isPermaLink="true"><xsl:value-of select="$link"/></guid>
      <xsl:if test="$date">
        <pubDate><xsl:call-template name="rfc822">
          <xsl:with-param name="iso" select="$date"/>
        </xsl:call-template></pubDate>
      </xsl:if>
    </item>
  </xsl:template>

  <!-- e-content written out as HTML text, escaped once more by the
       serialiser, as RSS wants it in <description> -->

  <xsl:template match="*" mode="html">
    <xsl:text>&lt;</xsl:text>
    <xsl:value-of select="local-name()"/>
    <xsl:for-each select="@*">
      <xsl:value-of select="concat(' ', local-name(), '=&quot;', ., '&quot;')"/>
    </xsl:for-each>
    <xsl:text>&gt;</xsl:text>
    <xsl:apply-templates select="node()" mode="html"/>
    <xsl:value-of select="concat('&lt;/', local-name(), '&gt;')"/>
  </xsl:template>

  <xsl:template match="text()" mode="html">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- 2026-11-15T14:00:00+00:00 as 15 Nov 2026 14:00:00 +0000 (the day
       of the week is optional in RFC 822) -->

  <xsl:template name="rfc822">
    <xsl:param name="iso"/>
    <xsl:variable name="m" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="zone" select="substring($iso, 20)"/>
    <xsl:value-of select="concat(number(substring($iso, 9, 2)), ' ',
        substring('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * $m - 2, 3), ' ',
        substring($iso, 1, 4), ' ', substring($iso, 12, 8), ' ')"/>
    <xsl:choose>
      <xsl:when test="$zone = 'Z' or $zone = ''">+0000</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(substring($zone, 1, 3), substring($zone, 5, 2))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
